package io.gleam.cli.sql;

import static java.util.Objects.requireNonNull;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** Prints JDBC results in one {@link OutputFormat}. Reads the whole result before printing a table. */
final class ResultPrinter {
  private final OutputFormat format;
  private final PrintStream out;

  ResultPrinter(OutputFormat format, PrintStream out) {
    this.format = requireNonNull(format, "format is null");
    this.out = requireNonNull(out, "out is null");
  }

  /** Prints the outcome of a statement that returned no rows. */
  void printUpdate(long count) {
    if (format == OutputFormat.TABLE) {
      out.println(count == 0 ? "OK" : count + (count == 1 ? " row" : " rows") + " affected");
    }
  }

  void print(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    List<String> names = new ArrayList<>(n);
    boolean[] numeric = new boolean[n];
    for (int i = 0; i < n; i++) {
      names.add(md.getColumnLabel(i + 1));
      numeric[i] = isNumeric(md.getColumnType(i + 1));
    }
    switch (format) {
      case TABLE -> printTable(rs, names, numeric);
      case CSV -> printDelimited(rs, names, ',');
      case TSV -> printDelimited(rs, names, '\t');
      case JSON -> printJson(rs, names, numeric, md);
    }
    out.flush();
  }

  private void printTable(ResultSet rs, List<String> names, boolean[] numeric) throws SQLException {
    int n = names.size();
    List<String[]> rows = new ArrayList<>();
    int[] width = new int[n];
    for (int i = 0; i < n; i++) {
      width[i] = names.get(i).length();
    }
    while (rs.next()) {
      String[] row = new String[n];
      for (int i = 0; i < n; i++) {
        String v = text(rs.getObject(i + 1));
        row[i] = v == null ? "NULL" : v;
        width[i] = Math.max(width[i], row[i].length());
      }
      rows.add(row);
    }
    String rule = rule(width);
    out.println(rule);
    out.println(line(names.toArray(new String[0]), width, new boolean[n]));
    out.println(rule);
    for (String[] row : rows) {
      out.println(line(row, width, numeric));
    }
    out.println(rule);
    out.println("(" + rows.size() + (rows.size() == 1 ? " row)" : " rows)"));
  }

  private static String rule(int[] width) {
    StringBuilder sb = new StringBuilder("+");
    for (int w : width) {
      sb.append("-".repeat(w + 2)).append('+');
    }
    return sb.toString();
  }

  private static String line(String[] cells, int[] width, boolean[] rightAlign) {
    StringBuilder sb = new StringBuilder("|");
    for (int i = 0; i < cells.length; i++) {
      String pad = " ".repeat(width[i] - cells[i].length());
      sb.append(' ').append(rightAlign[i] ? pad + cells[i] : cells[i] + pad).append(" |");
    }
    return sb.toString();
  }

  private void printDelimited(ResultSet rs, List<String> names, char sep) throws SQLException {
    int n = names.size();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        sb.append(sep);
      }
      sb.append(sep == ',' ? csvField(names.get(i)) : tsvField(names.get(i)));
    }
    out.println(sb);
    while (rs.next()) {
      sb.setLength(0);
      for (int i = 0; i < n; i++) {
        if (i > 0) {
          sb.append(sep);
        }
        String v = text(rs.getObject(i + 1));
        if (sep == ',') {
          sb.append(v == null ? "" : csvField(v));
        } else {
          sb.append(v == null ? "\\N" : tsvField(v));
        }
      }
      out.println(sb);
    }
  }

  private static String csvField(String v) {
    if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0) {
      return v;
    }
    return "\"" + v.replace("\"", "\"\"") + "\"";
  }

  private static String tsvField(String v) {
    return v.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
  }

  private void printJson(ResultSet rs, List<String> names, boolean[] numeric, ResultSetMetaData md)
      throws SQLException {
    int n = names.size();
    boolean first = true;
    out.print("[");
    while (rs.next()) {
      StringBuilder sb = new StringBuilder(first ? "{" : ",\n{");
      for (int i = 0; i < n; i++) {
        if (i > 0) {
          sb.append(',');
        }
        sb.append(jsonString(names.get(i))).append(':');
        Object v = rs.getObject(i + 1);
        if (v == null) {
          sb.append("null");
        } else if (v instanceof Boolean) {
          sb.append(v);
        } else if (numeric[i] && v instanceof Number num && isFinite(num)) {
          sb.append(text(v));
        } else {
          sb.append(jsonString(text(v)));
        }
      }
      out.print(sb.append('}'));
      first = false;
    }
    out.println("]");
  }

  private static boolean isFinite(Number n) {
    return !(n instanceof Double d && !Double.isFinite(d)) && !(n instanceof Float f && !Float.isFinite(f));
  }

  static String jsonString(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  /** A value as text: decimals without exponent, dates and timestamps in ISO-like SQL form. */
  private static String text(Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof BigDecimal d) {
      return d.toPlainString();
    }
    return v.toString();
  }

  private static boolean isNumeric(int sqlType) {
    switch (sqlType) {
      case Types.TINYINT:
      case Types.SMALLINT:
      case Types.INTEGER:
      case Types.BIGINT:
      case Types.REAL:
      case Types.FLOAT:
      case Types.DOUBLE:
      case Types.DECIMAL:
      case Types.NUMERIC:
        return true;
      default:
        return false;
    }
  }
}
