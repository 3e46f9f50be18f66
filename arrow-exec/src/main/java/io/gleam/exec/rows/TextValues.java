package io.gleam.exec.rows;

import io.gleam.planner.Schemas;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Text form of values for pipe steps: rows go out as tab-separated lines with NULL as {@code \N} and backslash,
 * tab and newline escaped as {@code \\}, {@code \t}, {@code \n}; lines coming back are read the same way.
 */
public final class TextValues {
  public static final String NULL = "\\N";

  private TextValues() {}

  public static void append(StringBuilder sb, Object value) {
    if (value == null) {
      sb.append(NULL);
      return;
    }
    String s = value.toString();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> sb.append("\\\\");
        case '\t' -> sb.append("\\t");
        case '\n' -> sb.append("\\n");
        default -> sb.append(c);
      }
    }
  }

  public static String unescape(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        sb.append(n == 't' ? '\t' : n == 'n' ? '\n' : n);
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /**
   * Parses one field to the Java value of {@code type}.
   *
   * @throws IllegalArgumentException naming the type when the text does not parse
   */
  public static Object parse(String text, ArrowType type) {
    if (text.equals(NULL)) {
      return null;
    }
    String t = unescape(text);
    try {
      if (type instanceof ArrowType.Utf8) {
        return t;
      } else if (type instanceof ArrowType.Int i) {
        long v = Long.parseLong(t.trim());
        return i.getBitWidth() == 64 ? (Object) v : (Object) Math.toIntExact(v);
      } else if (type instanceof ArrowType.FloatingPoint) {
        return Double.parseDouble(t.trim());
      } else if (type instanceof ArrowType.Bool) {
        String b = t.trim().toLowerCase();
        if (b.equals("true") || b.equals("false")) {
          return Boolean.parseBoolean(b);
        }
        throw new IllegalArgumentException();
      } else if (type instanceof ArrowType.Date) {
        return LocalDate.parse(t.trim());
      } else if (type instanceof ArrowType.Decimal) {
        return new BigDecimal(t.trim());
      } else if (type instanceof ArrowType.Timestamp) {
        return LocalDateTime.parse(t.trim().replace(' ', 'T'));
      }
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("cannot parse '" + t + "' as " + Schemas.typeName(type));
    }
    throw new IllegalArgumentException("cannot read " + Schemas.typeName(type) + " from text");
  }
}
