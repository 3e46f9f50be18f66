package io.gleam.jdbc;

import java.util.List;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/** Arrow schemas for fake results. */
final class Schemas {
  static final ArrowType BIGINT = new ArrowType.Int(64, true);
  static final ArrowType INT = new ArrowType.Int(32, true);
  static final ArrowType DOUBLE = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
  static final ArrowType VARCHAR = ArrowType.Utf8.INSTANCE;
  static final ArrowType BOOLEAN = ArrowType.Bool.INSTANCE;
  static final ArrowType DATE = new ArrowType.Date(DateUnit.DAY);
  static final ArrowType TIMESTAMP = new ArrowType.Timestamp(TimeUnit.MILLISECOND, null);

  private Schemas() {}

  static ArrowType decimal(int precision, int scale) {
    return new ArrowType.Decimal(precision, scale, 128);
  }

  static Field column(String name, ArrowType type) {
    return new Field(name, FieldType.nullable(type), null);
  }

  static Field notNull(String name, ArrowType type) {
    return new Field(name, FieldType.notNullable(type), null);
  }

  static Schema of(Field... fields) {
    return new Schema(List.of(fields));
  }
}
