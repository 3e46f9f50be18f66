package io.gleam.connectors;

import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.Field;

/** Copies a field's bytes into a string column as they are; the reader has checked that they are UTF-8. */
final class StringFieldParser extends FieldParser {
  private VarCharVector vector;

  StringFieldParser(Field field) {
    super(field);
  }

  @Override
  boolean isString() {
    return true;
  }

  @Override
  void bind(FieldVector v) {
    vector = (VarCharVector) v;
  }

  @Override
  void parse(byte[] b, int from, int to, int row) {
    vector.setSafe(row, b, from, to - from);
  }

  @Override
  void setNull(int row) {
    vector.setNull(row);
  }
}
