package io.gleam.jdbc;

import static java.util.Objects.requireNonNull;

import io.gleam.planner.Row;
import io.gleam.sql.engine.SqlSession;
import io.gleam.sql.engine.StatementResult;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.remote.TypedValue;

/**
 * The one Avatica {@code Meta} over an engine {@link SqlSession}. Every statement runs on the session, which
 * materializes its rows; they are handed to Avatica as a single, complete frame. Parameters are bound by
 * {@link ParameterBinder}. Metadata calls are answered through {@link SessionMetadata}: from the engine's catalog
 * when the session exposes one, otherwise with {@code SHOW} and {@code DESCRIBE} statements. Engine errors become
 * runtime exceptions that Avatica turns into {@code SQLException}s carrying the engine's message; the session keeps
 * working after them.
 */
public final class GleamMeta extends MetaImpl {
  private final SqlSession session;
  private final SessionMetadata metadata;
  private final Object executeLock = new Object();
  private final Map<Integer, String> preparedSql = new ConcurrentHashMap<>();

  GleamMeta(AvaticaConnection connection, SqlSession session) {
    super(connection);
    this.session = requireNonNull(session, "session is null");
    this.metadata = CatalogMetadata.catalogOf(session).<SessionMetadata>map(CatalogMetadata::new)
        .orElseGet(() -> new SqlSessionMetadata(session));
  }

  /** Cancels the statement running on this connection's session, if any. Does not wait for it. */
  public void cancel() {
    session.cancel();
  }

  @Override
  public void closeConnection(ConnectionHandle ch) {
    super.closeConnection(ch);
    session.close();
  }

  // ---- statements ----

  @Override
  public StatementHandle prepare(ConnectionHandle ch, String sql, long maxRowCount) {
    StatementHandle h = createStatement(ch);
    List<AvaticaParameter> params = new ArrayList<>();
    int n = ParameterBinder.count(sql);
    for (int i = 0; i < n; i++) {
      params.add(new AvaticaParameter(false, 0, 0, Types.OTHER, "OTHER", Object.class.getName(), "?" + (i + 1)));
    }
    h.signature = Signature.create(List.of(), sql, params, CursorFactory.ARRAY, StatementType.SELECT);
    preparedSql.put(h.id, sql);
    return h;
  }

  @SuppressWarnings("deprecation")
  @Override
  public ExecuteResult prepareAndExecute(StatementHandle h, String sql, long maxRowCount,
      PrepareCallback callback) throws NoSuchStatementException {
    return prepareAndExecute(h, sql, maxRowCount, -1, callback);
  }

  @Override
  public ExecuteResult prepareAndExecute(StatementHandle h, String sql, long maxRowCount, int maxRowsInFirstFrame,
      PrepareCallback callback) throws NoSuchStatementException {
    MetaResultSet result = run(h, sql, maxRowCount);
    try {
      synchronized (callback.getMonitor()) {
        callback.clear();
        callback.assign(result.signature, result.firstFrame, result.updateCount);
      }
      callback.execute();
    } catch (SQLException e) {
      throw new RuntimeException(e);
    }
    return new ExecuteResult(List.of(result));
  }

  @Override
  public ExecuteBatchResult prepareAndExecuteBatch(StatementHandle h, List<String> sqlCommands)
      throws NoSuchStatementException {
    long[] counts = new long[sqlCommands.size()];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = run(h, sqlCommands.get(i), -1).updateCount;
    }
    return new ExecuteBatchResult(counts);
  }

  @Override
  public ExecuteBatchResult executeBatch(StatementHandle h, List<List<TypedValue>> parameterValues)
      throws NoSuchStatementException {
    String sql = sqlOf(h);
    long[] counts = new long[parameterValues.size()];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = run(h, bind(sql, parameterValues.get(i)), -1).updateCount;
    }
    return new ExecuteBatchResult(counts);
  }

  @SuppressWarnings("deprecation")
  @Override
  public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues, long maxRowCount)
      throws NoSuchStatementException {
    return execute(h, parameterValues, (int) Math.min(Integer.MAX_VALUE, maxRowCount));
  }

  @Override
  public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues, int maxRowsInFirstFrame)
      throws NoSuchStatementException {
    String sql = bind(sqlOf(h), parameterValues);
    return new ExecuteResult(List.of(run(h, sql, -1)));
  }

  @Override
  public Frame fetch(StatementHandle h, long offset, int fetchMaxRowCount) {
    // Every result is handed over whole in its first frame.
    return Frame.EMPTY;
  }

  @Override
  public void closeStatement(StatementHandle h) {
    preparedSql.remove(h.id);
  }

  @Override
  public boolean syncResults(StatementHandle sh, org.apache.calcite.avatica.QueryState state, long offset) {
    return false;
  }

  @Override
  public void commit(ConnectionHandle ch) {
    // Statements take effect when they run; there is no transaction to commit.
  }

  @Override
  public void rollback(ConnectionHandle ch) {
    // Statements take effect when they run; there is no transaction to roll back.
  }

  private String sqlOf(StatementHandle h) throws NoSuchStatementException {
    String sql = preparedSql.get(h.id);
    if (sql == null) {
      throw new NoSuchStatementException(h);
    }
    return sql;
  }

  private static String bind(String sql, List<TypedValue> values) {
    try {
      return ParameterBinder.bind(sql, values);
    } catch (SQLException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  /** Runs one statement on the session and describes its outcome for Avatica. */
  private MetaResultSet run(StatementHandle h, String sql, long maxRowCount) {
    StatementResult result;
    synchronized (executeLock) {
      result = session.execute(sql);
    }
    if (!result.hasRows()) {
      return MetaResultSet.count(h.connectionId, h.id, Math.max(0, result.updateCount()));
    }
    Schema schema = result.schema().orElseThrow();
    List<Field> fields = schema.getFields();
    List<Object> rows = new ArrayList<>(result.rows().size());
    for (Row row : result.rows()) {
      if (maxRowCount > 0 && rows.size() >= maxRowCount) {
        break;
      }
      rows.add(JdbcColumns.toJdbcRow(row.values(), fields));
    }
    Signature signature = Signature.create(JdbcColumns.columns(schema), sql, List.of(), CursorFactory.ARRAY,
        StatementType.SELECT);
    return MetaResultSet.create(h.connectionId, h.id, false, signature, Frame.create(0, true, rows));
  }

  // ---- metadata ----

  @Override
  public Map<DatabaseProperty, Object> getDatabaseProperties(ConnectionHandle ch) {
    return Map.of(DatabaseProperty.GET_DRIVER_NAME, "Gleam JDBC Driver",
        DatabaseProperty.GET_DATABASE_PRODUCT_NAME, "Gleam");
  }

  @Override
  public MetaResultSet getCatalogs(ConnectionHandle ch) {
    return arrayResult(List.of(column("TABLE_CAT", 0, String.class)), List.of());
  }

  @Override
  public MetaResultSet getSchemas(ConnectionHandle ch, String catalog, Pat schemaPattern) {
    Pattern schemas = likePattern(schemaPattern);
    List<Object> rows = new ArrayList<>();
    for (String s : sorted(metadata.schemas())) {
      if (schemas.matcher(s).matches()) {
        rows.add(new Object[] {s, null});
      }
    }
    return arrayResult(List.of(column("TABLE_SCHEM", 0, String.class), column("TABLE_CATALOG", 1, String.class)),
        rows);
  }

  @Override
  public MetaResultSet getTableTypes(ConnectionHandle ch) {
    return arrayResult(List.of(column("TABLE_TYPE", 0, String.class)),
        List.of(new Object[] {"TABLE"}, new Object[] {"VIEW"}));
  }

  @Override
  public MetaResultSet getTables(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat tableNamePattern,
      List<String> typeList) {
    List<Object> rows = new ArrayList<>();
    for (SessionMetadata.TableInfo t : matchingTables(schemaPattern, tableNamePattern)) {
      if (typeList == null || typeList.contains(t.type())) {
        rows.add(new Object[] {null, t.schema(), t.name(), t.type(), null, null, null, null, null, null});
      }
    }
    return arrayResult(columns(String.class, "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE", "REMARKS",
        "TYPE_CAT", "TYPE_SCHEM", "TYPE_NAME", "SELF_REFERENCING_COL_NAME", "REF_GENERATION"), rows);
  }

  @Override
  public MetaResultSet getColumns(ConnectionHandle ch, String catalog, Pat schemaPattern, Pat tableNamePattern,
      Pat columnNamePattern) {
    Pattern columns = likePattern(columnNamePattern);
    List<Object> rows = new ArrayList<>();
    for (SessionMetadata.TableInfo t : matchingTables(schemaPattern, tableNamePattern)) {
      List<SessionMetadata.ColumnInfo> cols = metadata.columns(t.schema(), t.name());
      for (int i = 0; i < cols.size(); i++) {
        SessionMetadata.ColumnInfo c = cols.get(i);
        if (!columns.matcher(c.name()).matches()) {
          continue;
        }
        boolean numeric = c.sqlType() != Types.VARCHAR && c.sqlType() != Types.CHAR && c.sqlType() != Types.DATE
            && c.sqlType() != Types.TIMESTAMP && c.sqlType() != Types.TIME && c.sqlType() != Types.BOOLEAN;
        rows.add(new Object[] {null, t.schema(), t.name(), c.name(), c.sqlType(), c.typeName(), c.precision(),
            null, c.sqlType() == Types.DECIMAL ? c.scale() : null, numeric ? 10 : null,
            c.nullable() ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls, null, null, null, null,
            c.sqlType() == Types.VARCHAR || c.sqlType() == Types.CHAR ? c.precision() : null, i + 1,
            c.nullable() ? "YES" : "NO", null, null, null, null, "NO", "NO"});
      }
    }
    List<ColumnMetaData> cols = List.of(column("TABLE_CAT", 0, String.class), column("TABLE_SCHEM", 1, String.class),
        column("TABLE_NAME", 2, String.class), column("COLUMN_NAME", 3, String.class),
        column("DATA_TYPE", 4, Integer.class), column("TYPE_NAME", 5, String.class),
        column("COLUMN_SIZE", 6, Integer.class), column("BUFFER_LENGTH", 7, Integer.class),
        column("DECIMAL_DIGITS", 8, Integer.class), column("NUM_PREC_RADIX", 9, Integer.class),
        column("NULLABLE", 10, Integer.class), column("REMARKS", 11, String.class),
        column("COLUMN_DEF", 12, String.class), column("SQL_DATA_TYPE", 13, Integer.class),
        column("SQL_DATETIME_SUB", 14, Integer.class), column("CHAR_OCTET_LENGTH", 15, Integer.class),
        column("ORDINAL_POSITION", 16, Integer.class), column("IS_NULLABLE", 17, String.class),
        column("SCOPE_CATALOG", 18, String.class), column("SCOPE_SCHEMA", 19, String.class),
        column("SCOPE_TABLE", 20, String.class), column("SOURCE_DATA_TYPE", 21, Short.class),
        column("IS_AUTOINCREMENT", 22, String.class), column("IS_GENERATEDCOLUMN", 23, String.class));
    return arrayResult(cols, rows);
  }

  @Override
  public MetaResultSet getTypeInfo(ConnectionHandle ch) {
    List<Object> rows = new ArrayList<>();
    addType(rows, "BOOLEAN", Types.BOOLEAN, 1, null, false);
    addType(rows, "TINYINT", Types.TINYINT, 3, null, true);
    addType(rows, "SMALLINT", Types.SMALLINT, 5, null, true);
    addType(rows, "INTEGER", Types.INTEGER, 10, null, true);
    addType(rows, "BIGINT", Types.BIGINT, 19, null, true);
    addType(rows, "DECIMAL", Types.DECIMAL, 38, "precision,scale", true);
    addType(rows, "REAL", Types.REAL, 7, null, true);
    addType(rows, "DOUBLE", Types.DOUBLE, 15, null, true);
    addType(rows, "VARCHAR", Types.VARCHAR, Integer.MAX_VALUE, "length", false);
    addType(rows, "DATE", Types.DATE, 10, null, false);
    addType(rows, "TIME", Types.TIME, 12, null, false);
    addType(rows, "TIMESTAMP", Types.TIMESTAMP, 23, null, false);
    List<ColumnMetaData> cols = List.of(column("TYPE_NAME", 0, String.class), column("DATA_TYPE", 1, Integer.class),
        column("PRECISION", 2, Integer.class), column("LITERAL_PREFIX", 3, String.class),
        column("LITERAL_SUFFIX", 4, String.class), column("CREATE_PARAMS", 5, String.class),
        column("NULLABLE", 6, Short.class), column("CASE_SENSITIVE", 7, Boolean.class),
        column("SEARCHABLE", 8, Short.class), column("UNSIGNED_ATTRIBUTE", 9, Boolean.class),
        column("FIXED_PREC_SCALE", 10, Boolean.class), column("AUTO_INCREMENT", 11, Boolean.class),
        column("LOCAL_TYPE_NAME", 12, String.class), column("MINIMUM_SCALE", 13, Short.class),
        column("MAXIMUM_SCALE", 14, Short.class), column("SQL_DATA_TYPE", 15, Integer.class),
        column("SQL_DATETIME_SUB", 16, Integer.class), column("NUM_PREC_RADIX", 17, Integer.class));
    return arrayResult(cols, rows);
  }

  private static void addType(List<Object> rows, String name, int sqlType, int precision, String createParams,
      boolean numeric) {
    String quote = sqlType == Types.VARCHAR ? "'" : null;
    String prefix = sqlType == Types.DATE || sqlType == Types.TIME || sqlType == Types.TIMESTAMP
        ? name + " '" : quote;
    rows.add(new Object[] {name, sqlType, precision, prefix, prefix == null ? null : "'", createParams,
        (short) DatabaseMetaData.typeNullable, sqlType == Types.VARCHAR, (short) DatabaseMetaData.typeSearchable,
        !numeric, sqlType == Types.DECIMAL, false, name, (short) 0,
        (short) (sqlType == Types.DECIMAL ? 38 : 0), null, null, numeric ? 10 : null});
  }

  private List<SessionMetadata.TableInfo> matchingTables(Pat schemaPattern, Pat tableNamePattern) {
    Pattern schemas = likePattern(schemaPattern);
    Pattern tables = likePattern(tableNamePattern);
    List<SessionMetadata.TableInfo> out = new ArrayList<>();
    for (String s : sorted(metadata.schemas())) {
      if (!schemas.matcher(s).matches()) {
        continue;
      }
      for (SessionMetadata.TableInfo t : metadata.tables(s)) {
        if (tables.matcher(t.name()).matches()) {
          out.add(t);
        }
      }
    }
    out.sort((a, b) -> a.type().equals(b.type())
        ? (a.schema() + "." + a.name()).compareTo(b.schema() + "." + b.name())
        : a.type().compareTo(b.type()));
    return out;
  }

  private static List<String> sorted(List<String> names) {
    List<String> out = new ArrayList<>(names);
    Collections.sort(out);
    return out;
  }

  /** A JDBC LIKE pattern ({@code %}, {@code _}, escape {@code \}) as a regex; null or absent matches all. */
  static Pattern likePattern(Pat pat) {
    if (pat == null || pat.s == null) {
      return Pattern.compile(".*", Pattern.DOTALL);
    }
    StringBuilder re = new StringBuilder();
    String s = pat.s;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        re.append(Pattern.quote(String.valueOf(s.charAt(++i))));
      } else if (c == '%') {
        re.append(".*");
      } else if (c == '_') {
        re.append('.');
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }

  private MetaResultSet arrayResult(List<ColumnMetaData> columns, List<Object> rows) {
    return createResultSet(Map.of(), columns, CursorFactory.ARRAY, Frame.create(0, true, rows));
  }

  private static ColumnMetaData column(String name, int index, Class<?> type) {
    return columnMetaData(name.toUpperCase(Locale.ROOT), index, type, true);
  }

  private static List<ColumnMetaData> columns(Class<?> type, String... names) {
    List<ColumnMetaData> out = new ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      out.add(column(names[i], i, type));
    }
    return out;
  }
}
