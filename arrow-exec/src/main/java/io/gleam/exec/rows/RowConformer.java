package io.gleam.exec.rows;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.planner.Schemas;
import io.gleam.planner.rows.ArrowValues;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Makes the rows a user step returns rows of the step's declared schema, as reading them back from Arrow would:
 * the right number of values, each of the Java type of its column ({@code Long} for bigint, {@code LocalDate} for
 * date, ...), converted when it is another type that fits (an {@code Integer} for a bigint, a number for a string).
 * Rows that go from user code to a collect or forEach sink in the same task do not pass through Arrow, which would
 * check and convert them, so this is where a row that does not fit the schema is caught. Values already of their
 * column's type pass untouched.
 */
public final class RowConformer {
  private final String step;
  private final Schema schema;
  private final ArrowType[] types;
  private final ErrorCode errorCode;

  /** @param errorCode the code of a mismatch: the error of the step's kind of code (Java or Lua) */
  public RowConformer(String step, Schema schema, ErrorCode errorCode) {
    this.step = step;
    this.schema = schema;
    this.types = schema.getFields().stream().map(f -> f.getType()).toArray(ArrowType[]::new);
    this.errorCode = errorCode;
  }

  /** The row with its values in the schema's types (the same array, converted in place). */
  public Object[] conform(Object[] row) {
    if (row.length != types.length) {
      throw new GleamException(errorCode, String.format("step '%s' returned %d values %s for the %d columns (%s)",
          step, row.length, Arrays.toString(row), types.length, Schemas.render(schema)));
    }
    for (int c = 0; c < row.length; c++) {
      Object v = row[c];
      if (v != null && !hasType(v, types[c])) {
        row[c] = convert(row, c);
      }
    }
    return row;
  }

  private static boolean hasType(Object v, ArrowType type) {
    if (type instanceof ArrowType.Utf8) {
      return v instanceof String;
    } else if (type instanceof ArrowType.Int i) {
      return i.getBitWidth() == 64 ? v instanceof Long : v instanceof Integer;
    } else if (type instanceof ArrowType.FloatingPoint) {
      return v instanceof Double;
    } else if (type instanceof ArrowType.Bool) {
      return v instanceof Boolean;
    } else if (type instanceof ArrowType.Date) {
      return v instanceof LocalDate;
    } else if (type instanceof ArrowType.Decimal d) {
      return v instanceof BigDecimal b && b.scale() == d.getScale();
    } else if (type instanceof ArrowType.Timestamp) {
      return v instanceof LocalDateTime;
    } else if (type instanceof ArrowType.List) {
      return v instanceof List;
    }
    return true;
  }

  private Object convert(Object[] row, int c) {
    Object v = row[c];
    ArrowType type = types[c];
    try {
      if (type instanceof ArrowType.Utf8) {
        return v.toString();
      } else if (type instanceof ArrowType.Int i) {
        long l = ArrowValues.toLong(v);
        return i.getBitWidth() == 64 ? (Object) l : (Object) Math.toIntExact(l);
      } else if (type instanceof ArrowType.FloatingPoint) {
        return v instanceof Number n ? n.doubleValue() : Double.parseDouble(v.toString().trim());
      } else if (type instanceof ArrowType.Bool) {
        return switch (v.toString().trim().toLowerCase(Locale.ROOT)) {
          case "true", "t", "1", "yes" -> true;
          case "false", "f", "0", "no" -> false;
          default -> throw new NumberFormatException("not a boolean");
        };
      } else if (type instanceof ArrowType.Date) {
        return LocalDate.parse(v.toString().trim());
      } else if (type instanceof ArrowType.Decimal d) {
        BigDecimal b = v instanceof BigDecimal x ? x : new BigDecimal(v.toString().trim());
        return b.setScale(d.getScale(), RoundingMode.HALF_UP);
      } else if (type instanceof ArrowType.Timestamp) {
        return LocalDateTime.parse(v.toString().trim().replace(' ', 'T'));
      }
    } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
      throw mismatch(row, c, e);
    }
    throw mismatch(row, c, null);
  }

  private GleamException mismatch(Object[] row, int c, RuntimeException cause) {
    Object v = row[c];
    String message = String.format("step '%s' returned %s: column '%s' (%s) cannot take value '%s' (%s)", step,
        Arrays.toString(row), schema.getFields().get(c).getName(), Schemas.typeName(types[c]), v,
        v.getClass().getSimpleName());
    return cause == null ? new GleamException(errorCode, message) : new GleamException(errorCode, message, cause);
  }
}
