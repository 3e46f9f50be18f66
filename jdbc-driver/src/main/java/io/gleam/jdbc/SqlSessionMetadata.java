package io.gleam.jdbc;

import static java.util.Objects.requireNonNull;

import io.gleam.planner.Row;
import io.gleam.sql.engine.SqlSession;
import io.gleam.sql.parser.GleamSqlParser;
import io.gleam.sql.engine.StatementResult;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.util.Quoting;

/**
 * Answers {@link SessionMetadata} by running {@code SHOW SCHEMAS}, {@code SHOW TABLES FROM s} and
 * {@code DESCRIBE s.t} on the session. The first result column holds the name; {@code SHOW TABLES} may add a
 * type column, {@code DESCRIBE} gives the type text (e.g. {@code DECIMAL(12, 2) NOT NULL}) in the second column and
 * may give nullability in a third.
 */
final class SqlSessionMetadata implements SessionMetadata {
  private static final Pattern TYPE = Pattern.compile(
      "\\s*([A-Za-z][A-Za-z0-9_ ]*?)\\s*(?:\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?\\s*(NOT NULL)?\\s*",
      Pattern.CASE_INSENSITIVE);

  private static final Pattern CHARSET = Pattern.compile(
      "\\s+(CHARACTER SET|COLLATE)\\s+(\"[^\"]*\"|\\S+)", Pattern.CASE_INSENSITIVE);

  private final SqlSession session;

  SqlSessionMetadata(SqlSession session) {
    this.session = requireNonNull(session, "session is null");
  }

  @Override
  public List<String> schemas() {
    List<String> out = new ArrayList<>();
    for (Row row : session.execute("SHOW SCHEMAS").rows()) {
      out.add(row.getString(0));
    }
    return out;
  }

  @Override
  public List<TableInfo> tables(String schema) {
    StatementResult result = session.execute("SHOW TABLES FROM " + quotePath(schema));
    List<TableInfo> out = new ArrayList<>();
    for (Row row : result.rows()) {
      String type = row.size() > 1 && row.get(1) != null ? row.getString(1).toUpperCase(Locale.ROOT) : "TABLE";
      out.add(new TableInfo(schema, row.getString(0), type));
    }
    return out;
  }

  @Override
  public List<ColumnInfo> columns(String schema, String table) {
    StatementResult result = session.execute("DESCRIBE " + quotePath(schema) + "." + quoteIdentifier(table));
    List<ColumnInfo> out = new ArrayList<>();
    for (Row row : result.rows()) {
      String typeText = row.size() > 1 && row.get(1) != null ? row.getString(1) : "VARCHAR";
      Boolean nullable = row.size() > 2 ? nullability(row.get(2)) : null;
      out.add(parseColumn(row.getString(0), typeText, nullable));
    }
    return out;
  }

  /** Quotes each part of a dotted schema path. */
  static String quotePath(String schema) {
    StringBuilder sb = new StringBuilder();
    for (String part : schema.split("\\.")) {
      sb.append(sb.length() == 0 ? "" : ".").append(quoteIdentifier(part));
    }
    return sb.toString();
  }

  /** Quotes a name the way the engine's parser reads quoted identifiers. */
  static String quoteIdentifier(String name) {
    Quoting quoting = GleamSqlParser.CONFIG.quoting();
    String open = quoting.string;
    String close = quoting == Quoting.BRACKET ? "]" : open;
    return open + name.replace(close, close + close) + close;
  }

  private static Boolean nullability(Object v) {
    if (v instanceof Boolean b) {
      return b;
    }
    if (v == null) {
      return null;
    }
    String s = v.toString().trim().toUpperCase(Locale.ROOT);
    if (s.equals("YES") || s.equals("TRUE") || s.equals("NULL") || s.equals("NULLABLE")) {
      return true;
    }
    if (s.equals("NO") || s.equals("FALSE") || s.equals("NOT NULL")) {
      return false;
    }
    return null;
  }

  /** Parses a column's type text into its JDBC type; {@code nullable} overrides a NOT NULL in the text. */
  static ColumnInfo parseColumn(String name, String typeText, Boolean nullable) {
    Matcher m = TYPE.matcher(CHARSET.matcher(typeText).replaceAll(""));
    if (!m.matches()) {
      return new ColumnInfo(name, Types.OTHER, typeText, 0, 0, nullable == null || nullable);
    }
    String base = m.group(1).trim().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
    int precision = m.group(2) == null ? -1 : Integer.parseInt(m.group(2));
    int scale = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
    boolean isNullable = nullable != null ? nullable : m.group(4) == null;
    int sqlType = sqlType(base);
    if (precision < 0) {
      precision = defaultPrecision(sqlType);
    }
    return new ColumnInfo(name, sqlType, base, precision, scale, isNullable);
  }

  static int sqlType(String base) {
    switch (base) {
      case "BIGINT":
        return Types.BIGINT;
      case "INT":
      case "INTEGER":
        return Types.INTEGER;
      case "SMALLINT":
        return Types.SMALLINT;
      case "TINYINT":
        return Types.TINYINT;
      case "DOUBLE":
      case "DOUBLE PRECISION":
        return Types.DOUBLE;
      case "FLOAT":
        return Types.FLOAT;
      case "REAL":
        return Types.REAL;
      case "DECIMAL":
      case "NUMERIC":
        return Types.DECIMAL;
      case "DATE":
        return Types.DATE;
      case "TIME":
        return Types.TIME;
      case "TIMESTAMP":
        return Types.TIMESTAMP;
      case "VARCHAR":
      case "CHARACTER VARYING":
      case "STRING":
        return Types.VARCHAR;
      case "CHAR":
      case "CHARACTER":
        return Types.CHAR;
      case "BOOLEAN":
        return Types.BOOLEAN;
      case "VARBINARY":
      case "BINARY":
        return Types.VARBINARY;
      default:
        return Types.OTHER;
    }
  }

  private static int defaultPrecision(int sqlType) {
    switch (sqlType) {
      case Types.BIGINT:
        return 19;
      case Types.INTEGER:
        return 10;
      case Types.SMALLINT:
        return 5;
      case Types.TINYINT:
        return 3;
      case Types.DOUBLE:
      case Types.FLOAT:
        return 15;
      case Types.REAL:
        return 7;
      case Types.DECIMAL:
        return 19;
      case Types.DATE:
        return 10;
      case Types.TIMESTAMP:
        return 23;
      case Types.TIME:
        return 12;
      case Types.BOOLEAN:
        return 1;
      default:
        return 0;
    }
  }
}
