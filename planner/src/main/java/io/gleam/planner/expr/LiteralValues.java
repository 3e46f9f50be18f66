package io.gleam.planner.expr;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import org.apache.arrow.vector.types.pojo.ArrowType;

/** Converts a literal's value to the canonical JSON-safe form of its type (see {@link Expr.Literal}). */
final class LiteralValues {
  private LiteralValues() {}

  static Object canonical(Object value, ArrowType type) {
    if (value == null) {
      return null;
    }
    try {
      if (type instanceof ArrowType.Bool && value instanceof Boolean) {
        return value;
      } else if (type instanceof ArrowType.Utf8 && value instanceof String) {
        return value;
      } else if (type instanceof ArrowType.Int i && isIntegral(value)) {
        long l = value instanceof BigInteger b ? b.longValueExact() : ((Number) value).longValue();
        if (i.getBitWidth() < 64 && (l < -(1L << (i.getBitWidth() - 1)) || l >= 1L << (i.getBitWidth() - 1))) {
          throw bad(value, type, null);
        }
        return l;
      } else if (type instanceof ArrowType.FloatingPoint) {
        if (value instanceof Number n) {
          return n.doubleValue();
        } else if (value instanceof String s) {
          return Double.parseDouble(s);
        }
      } else if (type instanceof ArrowType.Decimal d) {
        BigDecimal b = decimal(value);
        if (b != null) {
          BigDecimal scaled = b.setScale(d.getScale());
          if (scaled.precision() > d.getPrecision() && scaled.signum() != 0) {
            throw bad(value, type, null);
          }
          return scaled.toPlainString();
        }
      } else if (type instanceof ArrowType.Date) {
        long days;
        if (value instanceof LocalDate date) {
          days = date.toEpochDay();
        } else if (isIntegral(value)) {
          days = ((Number) value).longValue();
        } else if (value instanceof String s) {
          days = LocalDate.parse(s).toEpochDay();
        } else {
          throw bad(value, type, null);
        }
        if (days != (int) days) {
          throw bad(value, type, null);
        }
        return days;
      }
    } catch (ArithmeticException | NumberFormatException | java.time.DateTimeException e) {
      throw bad(value, type, e);
    }
    throw bad(value, type, null);
  }

  private static boolean isIntegral(Object value) {
    return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
        || value instanceof BigInteger;
  }

  private static BigDecimal decimal(Object value) {
    if (value instanceof BigDecimal b) {
      return b;
    } else if (value instanceof String s) {
      return new BigDecimal(s);
    } else if (isIntegral(value)) {
      return new BigDecimal(value.toString());
    } else if (value instanceof Double || value instanceof Float) {
      return BigDecimal.valueOf(((Number) value).doubleValue());
    }
    return null;
  }

  private static GleamException bad(Object value, ArrowType type, Throwable cause) {
    String message = String.format("literal '%s' (%s) is not a value of type %s", value,
        value.getClass().getSimpleName(), ExprTypes.name(type));
    return cause == null ? new GleamException(ErrorCode.INVALID_FLOW, message)
        : new GleamException(ErrorCode.INVALID_FLOW, message, cause);
  }
}
