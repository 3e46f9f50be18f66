package io.gleam.sql.engine;

import static java.util.Objects.requireNonNull;

import io.gleam.planner.Dataset;
import io.gleam.planner.ErrorCode;
import io.gleam.planner.Flow;
import io.gleam.planner.GleamException;
import io.gleam.planner.Row;
import io.gleam.sql.catalog.Catalog;
import io.gleam.sql.catalog.CreateMode;
import io.gleam.sql.catalog.FileTableSource;
import io.gleam.sql.catalog.GleamTable;
import io.gleam.sql.catalog.GleamTypeFactory;
import io.gleam.sql.catalog.ManagedTableSource;
import io.gleam.sql.catalog.TypeMapping;
import io.gleam.sql.lower.RelToFlow;
import io.gleam.sql.parser.GleamSqlParser;
import io.gleam.sql.parser.SqlColumnDef;
import io.gleam.sql.parser.SqlCreateGleamTable;
import io.gleam.sql.parser.SqlCreateGleamView;
import io.gleam.sql.parser.SqlDropGleamObject;
import io.gleam.sql.parser.SqlShowSchemas;
import io.gleam.sql.parser.SqlShowTables;
import io.gleam.sql.planner.PlannedQuery;
import io.gleam.sql.planner.SqlPlanner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlDescribeTable;
import org.apache.calcite.sql.SqlExplain;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A {@link SqlSession} that runs statements on the local runner: queries are planned by {@link SqlPlanner}, lowered
 * to a flow by {@link RelToFlow} and collected; {@code EXPLAIN} prints Calcite's optimized plan and Gleam's stages;
 * DDL ({@code CREATE TABLE ... WITH (format, path, ...)} over files, {@code CREATE TABLE t (columns)} and
 * {@code CREATE TABLE t AS query} for managed tables, {@code CREATE VIEW}, {@code DROP}, {@code SHOW TABLES},
 * {@code SHOW SCHEMAS}, {@code DESCRIBE}) changes or reads the catalog; {@code INSERT INTO t query} appends to a
 * managed table. Managed tables keep their rows in the session's memory (as plain values, read back as a values
 * step), so they suit small tables. Every error is a
 * {@link GleamException} with the message of the layer that raised it; the session keeps working after it.
 * Statements run one at a time.
 */
public final class LocalSqlSession implements SqlSession {
  private static final Schema NAME_SCHEMA = new Schema(List.of(textField("name")));
  private static final Schema EXPLAIN_SCHEMA = new Schema(List.of(textField("plan")));
  private static final Schema DESCRIBE_SCHEMA = new Schema(List.of(textField("column_name"),
      textField("column_type"), textField("nullable")));

  private final Catalog catalog;
  private final SqlPlanner planner;
  private final int parallelism;
  private final RelDataTypeFactory typeFactory = new GleamTypeFactory();
  /** The rows of managed tables, by name in {@code main}; plain Java values as in {@link Row}. */
  private final Map<String, List<List<Object>>> managedRows = new HashMap<>();
  private int statements;
  private final Object runningLock = new Object();
  private Thread running;  // the thread inside execute, guarded by runningLock

  /**
   * A session over {@code catalog} resolving unqualified names in {@code defaultSchema} (e.g. {@code [tpch, tiny]}),
   * running each query with {@code parallelism} partitions per stage.
   */
  public LocalSqlSession(Catalog catalog, List<String> defaultSchema, int parallelism) {
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.planner = new SqlPlanner(catalog, defaultSchema);
    if (parallelism < 1) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "parallelism must be at least 1, got %d", parallelism);
    }
    this.parallelism = parallelism;
  }

  /** A session over a new catalog, names resolving in {@code main}, one partition per core. */
  public static LocalSqlSession create() {
    return new LocalSqlSession(new Catalog(), SqlPlanner.DEFAULT_SCHEMA, Runtime.getRuntime().availableProcessors());
  }

  public Catalog catalog() {
    return catalog;
  }

  @Override
  public synchronized StatementResult execute(String sql) {
    requireNonNull(sql, "sql is null");
    synchronized (runningLock) {
      running = Thread.currentThread();
    }
    try {
      return run(GleamSqlParser.parse(sql));
    } catch (GleamException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new GleamException(ErrorCode.INTERNAL, "statement failed: " + e, e);
    } finally {
      synchronized (runningLock) {
        running = null;
        Thread.interrupted();  // a cancel that came too late must not hit the caller's next wait
      }
    }
  }

  private StatementResult run(SqlNode statement) {
    if (statement instanceof SqlExplain explain) {
      return explain(explain.getExplicandum());
    } else if (statement instanceof SqlCreateGleamTable create) {
      return createTable(create);
    } else if (statement instanceof SqlCreateGleamView create) {
      CreateMode mode = create.getReplace() ? CreateMode.REPLACE
          : create.ifNotExists() ? CreateMode.IGNORE_IF_EXISTS : CreateMode.FAIL_IF_EXISTS;
      boolean created = catalog.createView(create.name().names,
          planner.view(GleamSqlParser.toSql(create.query()), create.columnNames()), mode);
      return StatementResult.update(0, (created ? "created view " : "view exists: ") + create.name());
    } else if (statement instanceof SqlDropGleamObject drop) {
      return drop(drop);
    } else if (statement instanceof SqlShowTables show) {
      List<String> schema = show.schema().<List<String>>map(s -> s.names).orElse(planner.defaultSchema());
      return names(new ArrayList<>(catalog.tableNames(schema)));
    } else if (statement instanceof SqlShowSchemas) {
      return names(new ArrayList<>(catalog.rootSchema().getSubSchemaNames()));
    } else if (statement instanceof SqlInsert insert) {
      return insert(insert);
    } else if (statement instanceof SqlDescribeTable describe) {
      return describe(describe.getTable());
    } else if (statement.getKind().belongsTo(SqlKind.QUERY)) {
      return query(planner.plan(statement));
    }
    throw GleamException.user(ErrorCode.INVALID_FLOW, "statement %s is not supported yet",
        statement.getKind().name().replace('_', ' '));
  }

  private StatementResult query(PlannedQuery planned) {
    Flow flow = Flow.create("sql" + (++statements)).parallelism(parallelism);
    Dataset result = lowering(flow, planned).lower(planned.optimized());
    List<Row> rows = result.collect();
    return StatementResult.rows(renamed(result.schema(), planned.fieldNames()), rows);
  }

  private StatementResult explain(SqlNode query) {
    PlannedQuery planned = planner.plan(query);
    Flow flow = Flow.create("explain").parallelism(parallelism);
    lowering(flow, planned).lower(planned.optimized()).printf("");
    String text = "-- Calcite\n" + planned.explain() + "-- Gleam\n" + flow.explain();
    List<Row> rows = new ArrayList<>();
    for (String line : text.split("\n")) {
      rows.add(Row.of(line));
    }
    return StatementResult.rows(EXPLAIN_SCHEMA, rows);
  }

  private RelToFlow lowering(Flow flow, PlannedQuery planned) {
    return new RelToFlow(flow, planned.optimized().getCluster().getRexBuilder(), parallelism,
        name -> Optional.ofNullable(managedRows.get(name)));
  }

  private StatementResult createTable(SqlCreateGleamTable create) {
    CreateMode mode = create.getReplace() ? CreateMode.REPLACE
        : create.ifNotExists() ? CreateMode.IGNORE_IF_EXISTS : CreateMode.FAIL_IF_EXISTS;
    if (create.query().isPresent()) {
      if (!create.optionValues().isEmpty() || !create.columns().isEmpty()) {
        throw GleamException.user(ErrorCode.INVALID_FLOW,
            "table %s: CREATE TABLE ... AS makes a managed table, without columns or WITH options", create.name());
      }
      StatementResult result = query(planner.plan(create.query().get()));
      Schema schema = result.schema().orElseThrow();
      List<List<Object>> rows = new ArrayList<>();
      result.rows().forEach(r -> rows.add(new ArrayList<>(r.asList())));
      return createManaged(create.name(), schema, rows, mode);
    }
    if (create.optionValues().isEmpty()) {
      return createManaged(create.name(), columnsSchema(create), new ArrayList<>(), mode);
    }
    GleamTable table = GleamTable.file(columnsSchema(create), FileTableSource.fromOptions(create.optionValues()));
    boolean created = catalog.createTable(create.name().names, table, mode);
    return StatementResult.update(0, (created ? "created table " : "table exists: ") + create.name());
  }

  private StatementResult createManaged(SqlIdentifier name, Schema schema, List<List<Object>> rows,
      CreateMode mode) {
    boolean created = catalog.createTable(name.names, GleamTable.managed(schema, rows.size()), mode);
    if (created) {
      managedRows.put(simpleName(name), rows);
    }
    return StatementResult.update(created ? rows.size() : 0, (created ? "created table " : "table exists: ") + name);
  }

  private static String simpleName(SqlIdentifier name) {
    return name.names.get(name.names.size() - 1);
  }

  private Schema columnsSchema(SqlCreateGleamTable create) {
    List<Field> fields = new ArrayList<>();
    for (SqlColumnDef column : create.columns()) {
      RelDataType type = typeFactory.createTypeWithNullability(sqlType(column.name(), column.type()),
          column.nullable());
      fields.add(TypeMapping.toArrowField(column.name(), type));
    }
    if (fields.isEmpty()) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "table %s needs its columns", create.name());
    }
    return new Schema(fields);
  }

  /**
   * {@code INSERT INTO t query} for a managed table: the query's columns are cast to the table's types by position,
   * and its rows appended.
   */
  private StatementResult insert(SqlInsert insert) {
    if (!(insert.getTargetTable() instanceof SqlIdentifier target)) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "INSERT into %s is not supported", insert.getTargetTable());
    }
    if (insert.getTargetColumnList() != null && insert.getTargetColumnList().size() > 0) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "INSERT with a column list is not supported yet");
    }
    GleamTable table = catalog.lookupTable(target.names).orElseThrow(() ->
        GleamException.user(ErrorCode.INVALID_FLOW, "no table named %s", target));
    List<List<Object>> rows = managedRows.get(simpleName(target));
    if (!(table.source() instanceof ManagedTableSource) || rows == null) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "table %s is not a managed table: INSERT is not supported "
          + "for %s", target, table.source().describe());
    }
    PlannedQuery source = planner.plan(insert.getSource());
    List<Field> columns = table.schema().getFields();
    if (source.fieldNames().size() != columns.size()) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "INSERT into %s: the table has %d columns, the query %d",
          target, columns.size(), source.fieldNames().size());
    }
    StringBuilder sql = new StringBuilder("SELECT ");
    StringBuilder aliases = new StringBuilder();
    for (int i = 0; i < columns.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append("CAST(`c").append(i).append("` AS ")
          .append(typeText(TypeMapping.toRelType(typeFactory, columns.get(i)))).append(")");
      aliases.append(i == 0 ? "" : ", ").append("`c").append(i).append('`');
    }
    sql.append(" FROM (").append(GleamSqlParser.toSql(insert.getSource())).append(") AS `src`(").append(aliases)
        .append(")");
    StatementResult result = query(planner.plan(sql.toString()));
    List<List<Object>> added = new ArrayList<>();
    for (Row r : result.rows()) {
      for (int i = 0; i < columns.size(); i++) {
        if (r.get(i) == null && !columns.get(i).isNullable()) {
          throw GleamException.user(ErrorCode.INVALID_FLOW, "INSERT into %s: column %s is NOT NULL, row %s has NULL",
              target, columns.get(i).getName(), r);
        }
      }
      added.add(new ArrayList<>(r.asList()));
    }
    rows.addAll(added);
    catalog.createTable(target.names, table.withSource(new ManagedTableSource(rows.size())), CreateMode.REPLACE);
    return StatementResult.update(added.size(), "inserted " + added.size() + " rows into " + target);
  }

  /** The SQL text of a column type, for a CAST. */
  private static String typeText(RelDataType type) {
    SqlTypeName name = type.getSqlTypeName();
    switch (name) {
      case DECIMAL:
        return "DECIMAL(" + type.getPrecision() + ", " + type.getScale() + ")";
      case CHAR:
      case VARCHAR:
        return "VARCHAR";
      case TIMESTAMP:
        return "TIMESTAMP(" + type.getPrecision() + ")";
      default:
        return name.getName();
    }
  }

  private RelDataType sqlType(String column, SqlDataTypeSpec spec) {
    if (!(spec.getTypeNameSpec() instanceof SqlBasicTypeNameSpec basic)) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "column %s: type %s is not supported yet", column, spec);
    }
    SqlTypeName name = SqlTypeName.get(basic.getTypeName().getSimple().toUpperCase(java.util.Locale.ROOT));
    if (name == null) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "column %s: unknown type %s", column, spec);
    }
    int precision = basic.getPrecision();
    int scale = basic.getScale();
    if (precision >= 0 && scale >= 0 && name.allowsScale()) {
      return typeFactory.createSqlType(name, precision, scale);
    } else if (precision >= 0 && name.allowsPrec()) {
      return typeFactory.createSqlType(name, precision);
    }
    return typeFactory.createSqlType(name);
  }

  private StatementResult drop(SqlDropGleamObject drop) {
    boolean dropped = switch (drop.objectType()) {
      case TABLE -> {
        boolean done = catalog.dropTable(drop.name().names, drop.ifExists());
        if (done) {
          managedRows.remove(simpleName(drop.name()));
        }
        yield done;
      }
      case VIEW -> catalog.dropView(drop.name().names, drop.ifExists());
      case FUNCTION -> throw GleamException.user(ErrorCode.INVALID_FLOW, "DROP FUNCTION is not supported yet");
    };
    String kind = drop.objectType().name().toLowerCase(Locale.ROOT);
    return StatementResult.update(0, (dropped ? "dropped " : "no such ") + kind + " " + drop.name());
  }

  private StatementResult describe(SqlIdentifier name) {
    List<String> path = name.names.size() == 1 && !planner.defaultSchema().isEmpty()
        ? concat(planner.defaultSchema(), name.names) : name.names;
    var table = catalog.lookup(path).or(() -> catalog.lookup(name.names)).orElseThrow(() ->
        GleamException.user(ErrorCode.INVALID_FLOW, "no table or view named %s", name));
    RelDataType rowType = table.getRowType(typeFactory);
    List<Row> rows = new ArrayList<>();
    rowType.getFieldList().forEach(f -> rows.add(Row.of(f.getName(), f.getType().getFullTypeString()
        .replace(" NOT NULL", ""), f.getType().isNullable() ? "YES" : "NO")));
    return StatementResult.rows(DESCRIBE_SCHEMA, rows);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static StatementResult names(List<String> names) {
    List<Row> rows = new ArrayList<>();
    names.forEach(n -> rows.add(Row.of(n)));
    return StatementResult.rows(NAME_SCHEMA, rows);
  }

  private static Schema renamed(Schema schema, List<String> names) {
    List<Field> fields = new ArrayList<>();
    for (int i = 0; i < schema.getFields().size(); i++) {
      Field f = schema.getFields().get(i);
      fields.add(new Field(names.get(i), f.getFieldType(), f.getChildren()));
    }
    return new Schema(fields);
  }

  private static Field textField(String name) {
    return new Field(name, FieldType.nullable(ArrowType.Utf8.INSTANCE), null);
  }

  /**
   * Interrupts the thread running a statement: the local runner then cancels the run, which fails with
   * {@link ErrorCode#CANCELLED}. Does nothing when no statement runs.
   */
  @Override
  public void cancel() {
    synchronized (runningLock) {
      if (running != null) {
        running.interrupt();
      }
    }
  }

  @Override
  public void close() {
  }
}
