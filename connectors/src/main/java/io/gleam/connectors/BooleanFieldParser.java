package io.gleam.connectors;

import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

/** Parses {@code true/t/1/yes} and {@code false/f/0/no}, in any case, into a boolean column. */
final class BooleanFieldParser extends FieldParser {
  private BitVector vector;

  BooleanFieldParser(Field field) {
    super(field);
  }

  @Override
  void bind(FieldVector v) {
    vector = (BitVector) v;
  }

  @Override
  void parse(byte[] b, int from, int to, int row) {
    int i = trimStart(b, from, to);
    int end = trimEnd(b, i, to);
    vector.set(row, parse(b, i, end) ? 1 : 0);
  }

  @Override
  void setNull(int row) {
    vector.setNull(row);
  }

  private static boolean parse(byte[] b, int from, int to) {
    int n = to - from;
    if (n == 1) {
      byte c = b[from];
      if (c == 't' || c == 'T' || c == '1') {
        return true;
      }
      if (c == 'f' || c == 'F' || c == '0') {
        return false;
      }
      throw UNPARSEABLE;
    }
    if (equalsIgnoreCase(b, from, to, "true") || equalsIgnoreCase(b, from, to, "yes")) {
      return true;
    }
    if (equalsIgnoreCase(b, from, to, "false") || equalsIgnoreCase(b, from, to, "no")) {
      return false;
    }
    throw UNPARSEABLE;
  }

  /** Compares with a lower-case word of letters only, where {@code | 0x20} folds exactly the letter's case. */
  private static boolean equalsIgnoreCase(byte[] b, int from, int to, String word) {
    if (to - from != word.length()) {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      if ((b[from + i] | 0x20) != word.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
