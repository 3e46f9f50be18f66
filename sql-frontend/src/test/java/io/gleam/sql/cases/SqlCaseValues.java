package io.gleam.sql.cases;

import java.math.BigDecimal;
import java.math.MathContext;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * How values appear in the expected rows of a case file: a row is one line, its values separated by {@code |};
 * NULL is {@code NULL}, the empty string {@code (empty)}, a decimal its plain text with its scale ({@code 2.50}), a
 * floating-point number rounded to 12 significant digits without trailing zeros, a date {@code yyyy-MM-dd}, a
 * timestamp {@code yyyy-MM-dd HH:mm:ss[.fraction]}, a boolean {@code true} or {@code false}.
 */
final class SqlCaseValues {
  static final String SEPARATOR = "|";

  private SqlCaseValues() {}

  static String line(List<?> row) {
    List<String> values = new ArrayList<>(row.size());
    for (Object v : row) {
      values.add(text(v));
    }
    return String.join(SEPARATOR, values);
  }

  static String text(Object v) {
    if (v == null) {
      return "NULL";
    } else if (v instanceof String s) {
      return s.isEmpty() ? "(empty)" : s;
    } else if (v instanceof BigDecimal d) {
      return d.toPlainString();
    } else if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        return Double.toString(d);
      }
      BigDecimal rounded = new BigDecimal(d).round(new MathContext(12)).stripTrailingZeros();
      return rounded.signum() == 0 ? "0" : rounded.toPlainString();
    } else if (v instanceof Timestamp t) {
      return timestamp(t.toLocalDateTime());
    } else if (v instanceof LocalDateTime t) {
      return timestamp(t);
    }
    return v.toString();
  }

  private static String timestamp(LocalDateTime t) {
    String text = t.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
    if (t.getNano() == 0) {
      return text;
    }
    String fraction = String.format("%09d", t.getNano()).replaceAll("0+$", "");
    return text + "." + fraction;
  }

  /**
   * Why the result columns do not match the type letters ({@code I} integer, {@code R} floating point, {@code N}
   * decimal, {@code T} text, {@code D} date, {@code S} timestamp, {@code B} boolean, {@code ?} any), or empty.
   */
  static Optional<String> typeMismatch(String letters, Schema schema) {
    List<Field> fields = schema.getFields();
    if (letters.length() != fields.size()) {
      return Optional.of("expected " + letters.length() + " columns (" + letters + "), got " + fields.size() + " "
          + describe(schema));
    }
    for (int i = 0; i < fields.size(); i++) {
      char expected = letters.charAt(i);
      char actual = letter(fields.get(i).getType());
      if (expected != '?' && expected != actual) {
        return Optional.of("column " + (i + 1) + " (" + fields.get(i).getName() + "): expected type letter "
            + expected + ", got " + actual + " " + describe(schema));
      }
    }
    return Optional.empty();
  }

  static char letter(ArrowType type) {
    if (type instanceof ArrowType.Int) {
      return 'I';
    } else if (type instanceof ArrowType.FloatingPoint) {
      return 'R';
    } else if (type instanceof ArrowType.Decimal) {
      return 'N';
    } else if (type instanceof ArrowType.Utf8 || type instanceof ArrowType.LargeUtf8) {
      return 'T';
    } else if (type instanceof ArrowType.Date) {
      return 'D';
    } else if (type instanceof ArrowType.Timestamp) {
      return 'S';
    } else if (type instanceof ArrowType.Bool) {
      return 'B';
    }
    return '?';
  }

  private static String describe(Schema schema) {
    List<String> cols = new ArrayList<>();
    for (Field f : schema.getFields()) {
      cols.add(f.getName() + " " + f.getType());
    }
    return cols.toString();
  }
}
