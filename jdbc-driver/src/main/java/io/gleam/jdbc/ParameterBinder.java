package io.gleam.jdbc;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.calcite.avatica.remote.TypedValue;
import org.apache.calcite.avatica.util.ByteString;

/**
 * Binds PreparedStatement parameters by replacing each {@code ?} outside quotes and comments with a typed SQL
 * literal: strings are quoted with embedded quotes doubled, so a value can never change the statement's shape.
 */
final class ParameterBinder {
  private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

  private ParameterBinder() {}

  /** Counts the {@code ?} placeholders in a statement. */
  static int count(String sql) {
    int[] n = {0};
    scan(sql, (i, sb) -> n[0]++, new StringBuilder());
    return n[0];
  }

  /** Returns the statement with every placeholder replaced by the literal for its value. */
  static String bind(String sql, List<TypedValue> values) throws SQLException {
    int expected = count(sql);
    if (values.size() < expected) {
      throw new SQLException("statement has " + expected + " parameters, " + values.size() + " bound");
    }
    StringBuilder out = new StringBuilder(sql.length() + 16 * expected);
    int[] next = {0};
    SQLException[] failure = {null};
    scan(sql, (i, sb) -> {
      TypedValue v = values.get(next[0]++);
      if (v == null) {
        failure[0] = new SQLException("parameter " + next[0] + " is not set");
        return;
      }
      try {
        sb.append(literal(v));
      } catch (SQLException e) {
        failure[0] = e;
      }
    }, out);
    if (failure[0] != null) {
      throw failure[0];
    }
    return out.toString();
  }

  /** The SQL literal for one bound value. */
  static String literal(TypedValue v) throws SQLException {
    Object local = v.toLocal();
    if (local == null) {
      return "NULL";
    }
    switch (v.type) {
      case PRIMITIVE_BOOLEAN:
      case BOOLEAN:
        return ((Boolean) local) ? "TRUE" : "FALSE";
      case PRIMITIVE_BYTE:
      case BYTE:
      case PRIMITIVE_SHORT:
      case SHORT:
      case PRIMITIVE_INT:
      case INTEGER:
      case PRIMITIVE_LONG:
      case LONG:
        return Long.toString(((Number) local).longValue());
      case PRIMITIVE_FLOAT:
      case FLOAT:
      case PRIMITIVE_DOUBLE:
      case DOUBLE:
        return doubleLiteral(((Number) local).doubleValue());
      case NUMBER:
        return local instanceof BigDecimal d ? d.toPlainString() : new BigDecimal(local.toString()).toPlainString();
      case PRIMITIVE_CHAR:
      case CHARACTER:
      case STRING:
        return quote(local.toString());
      case JAVA_SQL_DATE:
        return "DATE '" + LocalDate.ofEpochDay(((Number) local).longValue()) + "'";
      case JAVA_SQL_TIME:
        return "TIME '" + LocalTime.ofNanoOfDay(((Number) local).longValue() * 1_000_000L) + "'";
      case JAVA_SQL_TIMESTAMP:
      case JAVA_UTIL_DATE:
        return "TIMESTAMP '" + TIMESTAMP.format(
            Instant.ofEpochMilli(((Number) local).longValue()).atOffset(ZoneOffset.UTC)) + "'";
      case BYTE_STRING:
        return "X'" + ((ByteString) local).toString(16) + "'";
      case OBJECT:
        return objectLiteral(local);
      default:
        throw new SQLException("unsupported parameter type " + v.type + " (value " + local + ")");
    }
  }

  private static String objectLiteral(Object o) throws SQLException {
    if (o instanceof Boolean b) {
      return b ? "TRUE" : "FALSE";
    }
    if (o instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (o instanceof Double || o instanceof Float) {
      return doubleLiteral(((Number) o).doubleValue());
    }
    if (o instanceof Number n) {
      return Long.toString(n.longValue());
    }
    if (o instanceof LocalDate d) {
      return "DATE '" + d + "'";
    }
    if (o instanceof CharSequence s) {
      return quote(s.toString());
    }
    throw new SQLException("unsupported parameter value of " + o.getClass().getName() + ": " + o);
  }

  private static String doubleLiteral(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      return "CAST('" + d + "' AS DOUBLE)";
    }
    String s = Double.toString(d);
    return s.contains("E") ? s : s + "E0";
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  /** Called for each placeholder, with the output so far. */
  private interface PlaceholderSink {
    void placeholder(int index, StringBuilder out);
  }

  /** Copies {@code sql} to {@code out}, calling the sink instead of copying each placeholder. */
  private static void scan(String sql, PlaceholderSink sink, StringBuilder out) {
    int n = sql.length();
    int i = 0;
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '\'' || c == '"' || c == '`') {
        int end = closingQuote(sql, i, c);
        out.append(sql, i, end);
        i = end;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int end = sql.indexOf('\n', i);
        end = end < 0 ? n : end;
        out.append(sql, i, end);
        i = end;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
        out.append(sql, i, end);
        i = end;
      } else if (c == '?') {
        sink.placeholder(i, out);
        i++;
      } else {
        out.append(c);
        i++;
      }
    }
  }

  /** The index just after the quote that closes the one at {@code start}; a doubled quote does not close. */
  private static int closingQuote(String sql, int start, char q) {
    int i = start + 1;
    while (i < sql.length()) {
      if (sql.charAt(i) == q) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == q) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return sql.length();
  }
}
