package io.gleam.planner.expr;

import io.gleam.planner.Schemas;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * The Arrow types expressions compute with: SQL BIGINT, INTEGER, DOUBLE, BOOLEAN, VARCHAR, DATE and
 * DECIMAL(p,s). Other types (timestamps, lists) can only be passed through or tested with IS [NOT] NULL.
 */
public final class ExprTypes {
  public static final ArrowType BIGINT = new ArrowType.Int(64, true);
  public static final ArrowType INT = new ArrowType.Int(32, true);
  public static final ArrowType DOUBLE = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
  public static final ArrowType BOOLEAN = ArrowType.Bool.INSTANCE;
  public static final ArrowType STRING = ArrowType.Utf8.INSTANCE;
  public static final ArrowType DATE = new ArrowType.Date(DateUnit.DAY);

  /** The largest decimal precision (128-bit decimals). */
  public static final int MAX_DECIMAL_PRECISION = 38;

  private ExprTypes() {}

  public static ArrowType decimal(int precision, int scale) {
    return new ArrowType.Decimal(precision, scale, 128);
  }

  /** Whether expressions can compute with values of {@code type} (not only pass them through). */
  public static boolean isSupported(ArrowType type) {
    if (type instanceof ArrowType.Int i) {
      return i.getIsSigned() && (i.getBitWidth() == 32 || i.getBitWidth() == 64);
    } else if (type instanceof ArrowType.FloatingPoint f) {
      return f.getPrecision() == FloatingPointPrecision.DOUBLE;
    } else if (type instanceof ArrowType.Decimal d) {
      return d.getBitWidth() == 128 && d.getPrecision() >= 1 && d.getPrecision() <= MAX_DECIMAL_PRECISION
          && d.getScale() >= 0 && d.getScale() <= d.getPrecision();
    } else if (type instanceof ArrowType.Date d) {
      return d.getUnit() == DateUnit.DAY;
    }
    return type instanceof ArrowType.Bool || type instanceof ArrowType.Utf8;
  }

  public static boolean isInteger(ArrowType type) {
    return type instanceof ArrowType.Int;
  }

  public static boolean isNumeric(ArrowType type) {
    return type instanceof ArrowType.Int || type instanceof ArrowType.FloatingPoint
        || type instanceof ArrowType.Decimal;
  }

  /** The short name of a type: {@code bigint}, {@code decimal(15,2)}. */
  public static String name(ArrowType type) {
    return Schemas.typeName(type);
  }
}
