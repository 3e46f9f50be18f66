package io.gleam.sql.engine;

import static java.util.Objects.requireNonNull;

import io.gleam.planner.Dataset;
import io.gleam.planner.ErrorCode;
import io.gleam.planner.Flow;
import io.gleam.planner.GleamException;
import io.gleam.planner.Row;
import io.gleam.planner.spi.SourceFormat;
import io.gleam.connectors.memory.MemoryTable;
import io.gleam.sql.catalog.Catalog;
import io.gleam.sql.catalog.CatalogFile;
import io.gleam.sql.catalog.CreateMode;
import io.gleam.sql.catalog.FileTableSource;
import io.gleam.sql.catalog.GleamTable;
import io.gleam.sql.catalog.GleamTypeFactory;
import io.gleam.sql.catalog.GleamView;
import io.gleam.sql.catalog.ManagedTableSource;
import io.gleam.sql.catalog.ManagedTables;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlDescribeTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.sql.SqlExplain;
import org.apache.calcite.sql.SqlExplainFormat;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.type.SqlTypeName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SqlSession} that runs statements on the local runner: queries are planned by {@link SqlPlanner}, lowered
 * to a flow by {@link RelToFlow} and collected; {@code EXPLAIN} prints Calcite's optimized plan and Gleam's stages;
 * DDL ({@code CREATE TABLE ... WITH (format, path, ...)} over files, {@code CREATE TABLE t (columns)} and
 * {@code CREATE TABLE t AS query} for managed tables, {@code CREATE VIEW}, {@code DROP}, {@code SHOW TABLES},
 * {@code SHOW SCHEMAS}, {@code DESCRIBE}) changes or reads the catalog; {@code INSERT INTO t query} appends to a
 * managed table; {@code CREATE TABLE t [(columns)] WITH (format, path, ...) AS query} writes the query's rows as
 * part files (one per partition) into the directory {@code path} and makes a file table over them.
 *
 * <p>Managed tables are Arrow batches held in memory by {@link ManagedTables} (one allocator for the session, freed
 * on DROP, replace and {@link #close()}); a query reads them as a memory source that hands the batches out without
 * copying, and CTAS and INSERT collect the query's batches straight into the table. A session opened on a
 * directory ({@link #open(Path)}) keeps its table and view definitions in {@link CatalogFile} there and each
 * managed table as an Arrow IPC file, and restores them when opened again. Every error is a
 * {@link GleamException} with the message of the layer that raised it; the session keeps working after it.
 * Statements run one at a time.
 */
public final class LocalSqlSession implements SqlSession {
  private static final Logger LOG = LoggerFactory.getLogger(LocalSqlSession.class);
  private static final Schema NAME_SCHEMA = new Schema(List.of(textField("name")));
  private static final Schema EXPLAIN_SCHEMA = new Schema(List.of(textField("plan")));
  private static final Schema DESCRIBE_SCHEMA = new Schema(List.of(textField("column_name"),
      textField("column_type"), textField("nullable")));

  private final Catalog catalog;
  private final SqlPlanner planner;
  private final int parallelism;
  private final RelDataTypeFactory typeFactory = new GleamTypeFactory();
  /** The data of managed tables, by name in {@code main}. */
  private final ManagedTables managedTables;
  /** Where definitions are persisted; empty for a catalog in memory. */
  private final Optional<CatalogFile> catalogFile;
  private int statements;
  private final Object runningLock = new Object();
  private Thread running;  // the thread inside execute, guarded by runningLock

  /**
   * A session over {@code catalog} resolving unqualified names in {@code defaultSchema} (e.g. {@code [tpch, tiny]}),
   * running each query with {@code parallelism} partitions per stage.
   */
  public LocalSqlSession(Catalog catalog, List<String> defaultSchema, int parallelism) {
    this(catalog, defaultSchema, parallelism, Optional.empty());
  }

  private LocalSqlSession(Catalog catalog, List<String> defaultSchema, int parallelism, Optional<Path> directory) {
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.managedTables = new ManagedTables(directory);
    this.catalogFile = directory.map(CatalogFile::open);
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

  /**
   * A session over the catalog persisted in {@code directory} (created if missing): the tables and views defined
   * there are restored (managed tables' data is read when a statement first needs it), and every change is written
   * back. Names resolve in {@code main}, one partition per core. A view that no longer plans is left out of the
   * session with a warning, and kept in the directory.
   */
  public static LocalSqlSession open(Path directory) {
    requireNonNull(directory, "directory is null");
    LocalSqlSession session = new LocalSqlSession(new Catalog(), SqlPlanner.DEFAULT_SCHEMA,
        Runtime.getRuntime().availableProcessors(), Optional.of(directory));
    try {
      session.restore();
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
    return session;
  }

  private void restore() {
    for (CatalogFile.Definition d : catalogFile.orElseThrow().definitions()) {
      List<String> name = List.of(d.name());
      if (d instanceof CatalogFile.FileTable f) {
        catalog.createTable(name, GleamTable.file(f.schema(), FileTableSource.fromOptions(f.options())),
            CreateMode.REPLACE);
      } else if (d instanceof CatalogFile.ManagedTable m) {
        String id = managedTables.restore(m.name(), m.schema());
        catalog.createTable(name, GleamTable.managed(m.schema(), m.rows(), id), CreateMode.REPLACE);
      } else if (d instanceof CatalogFile.View v) {
        try {
          GleamView view = planner.withDefaultSchema(v.schemaPath()).view(v.sql(), v.columns());
          catalog.createView(name, view, CreateMode.REPLACE);
        } catch (GleamException e) {
          LOG.warn("view {} is not restored: {}", v.name(), e.getMessage());
        }
      }
    }
  }

  public Catalog catalog() {
    return catalog;
  }

  /** The bytes of Arrow memory the session's managed tables hold. */
  public long managedTableBytes() {
    return managedTables.allocatedBytes();
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
      return explain(explain.getExplicandum(), explain.getFormat());
    } else if (statement instanceof SqlCreateGleamTable create) {
      return createTable(create);
    } else if (statement instanceof SqlCreateGleamView create) {
      CreateMode mode = create.getReplace() ? CreateMode.REPLACE
          : create.ifNotExists() ? CreateMode.IGNORE_IF_EXISTS : CreateMode.FAIL_IF_EXISTS;
      String sql = GleamSqlParser.toSql(create.query());
      GleamView view = planner.view(sql, create.columnNames());
      boolean created = catalog.createView(create.name().names, view, mode);
      if (created) {
        persist(new CatalogFile.View(simpleName(create.name()), sql, view.schemaPath(),
            view.getRowType(typeFactory).getFieldNames()));
      }
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

  private StatementResult explain(SqlNode query, SqlExplainFormat format) {
    PlannedQuery planned = planner.plan(query);
    Flow flow = Flow.create("explain").parallelism(parallelism);
    lowering(flow, planned).lower(planned.optimized()).printf("");
    String text = format == SqlExplainFormat.DOT ? flow.dot()
        : "-- Calcite\n" + planned.explain() + "-- Gleam\n" + flow.explain();
    List<Row> rows = new ArrayList<>();
    for (String line : text.split("\n")) {
      rows.add(Row.of(line));
    }
    return StatementResult.rows(EXPLAIN_SCHEMA, rows);
  }

  private RelToFlow lowering(Flow flow, PlannedQuery planned) {
    loadManagedTables(planned.optimized());
    return new RelToFlow(flow, planned.optimized().getCluster().getRexBuilder(), parallelism);
  }

  /** Reads into memory the restored managed tables that {@code rel} scans and that are still only in files. */
  private void loadManagedTables(RelNode rel) {
    if (rel instanceof org.apache.calcite.rel.core.TableScan scan) {
      GleamTable table = scan.getTable().unwrap(GleamTable.class);
      List<String> name = scan.getTable().getQualifiedName();
      if (table != null && table.source() instanceof ManagedTableSource
          && name.size() == 2 && name.get(0).equals(Catalog.MAIN_SCHEMA)) {
        managedTables.load(name.get(1));
      }
    }
    for (RelNode input : rel.getInputs()) {
      loadManagedTables(input);
    }
  }

  private StatementResult createTable(SqlCreateGleamTable create) {
    CreateMode mode = create.getReplace() ? CreateMode.REPLACE
        : create.ifNotExists() ? CreateMode.IGNORE_IF_EXISTS : CreateMode.FAIL_IF_EXISTS;
    Optional<org.apache.calcite.schema.Table> existing = catalog.lookup(create.name().names);
    if (existing.isPresent() && mode == CreateMode.IGNORE_IF_EXISTS) {
      return StatementResult.update(0, "table exists: " + create.name());
    }
    if (existing.isPresent() && mode == CreateMode.FAIL_IF_EXISTS) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "table '%s' already exists", create.name());
    }
    if (create.query().isPresent() && !create.optionValues().isEmpty()) {
      return createFilesAs(create, mode);
    }
    if (create.query().isPresent()) {
      if (!create.columns().isEmpty()) {
        throw GleamException.user(ErrorCode.INVALID_FLOW,
            "table %s: CREATE TABLE ... AS makes a managed table with the query's columns; a column list is only "
            + "taken with WITH (format, path)", create.name());
      }
      PlannedQuery planned = planner.plan(create.query().get());
      Flow flow = Flow.create("sql" + (++statements)).parallelism(parallelism);
      Dataset result = lowering(flow, planned).lower(planned.optimized());
      Schema schema = renamed(result.schema(), planned.fieldNames());
      MemoryTable table = fill(flow, result, simpleName(create.name()), schema);
      return createManaged(create.name(), table, mode);
    }
    if (create.optionValues().isEmpty()) {
      MemoryTable table = managedTables.newTable(simpleName(create.name()), columnsSchema(create));
      return createManaged(create.name(), table, mode);
    }
    FileTableSource source = FileTableSource.fromOptions(create.optionValues());
    GleamTable table = GleamTable.file(columnsSchema(create), source);
    boolean created = catalog.createTable(create.name().names, table, mode);
    if (created) {
      persist(new CatalogFile.FileTable(simpleName(create.name()), table.schema(), source.withOptions()));
    }
    return StatementResult.update(0, (created ? "created table " : "table exists: ") + create.name());
  }

  /** Runs {@code flow} with {@code result} collected into a new memory table; frees the table if the run fails. */
  private MemoryTable fill(Flow flow, Dataset result, String name, Schema schema) {
    MemoryTable table = managedTables.newTable(name, schema);
    try {
      result.writeFiles(SourceFormat.MEMORY, table.id(), false);
      flow.run();
      return table;
    } catch (RuntimeException e) {
      managedTables.discard(table);
      throw e;
    }
  }

  /**
   * {@code CREATE TABLE t [(columns)] WITH (format, path, ...) AS query}: writes the query's rows (cast to the
   * columns, when given) as part files into the directory {@code path}, one per partition, then makes a file table
   * over the directory.
   */
  private StatementResult createFilesAs(SqlCreateGleamTable create, CreateMode mode) {
    FileTableSource source = FileTableSource.fromOptions(create.optionValues());
    SqlNode query = create.query().get();
    PlannedQuery planned = create.columns().isEmpty() ? planner.plan(query)
        : planner.plan(castedQuery(create.name(), query, columnsSchema(create).getFields()));
    Flow flow = Flow.create("sql" + (++statements)).parallelism(parallelism);
    Dataset result = lowering(flow, planned).lower(planned.optimized());
    Schema schema = create.columns().isEmpty() ? renamed(result.schema(), planned.fieldNames())
        : columnsSchema(create);
    if (source.format() == SourceFormat.TEXT) {
      if (schema.getFields().size() != 1) {
        throw GleamException.user(ErrorCode.INVALID_FLOW, "table %s: a text table has one column, the query %d",
            create.name(), schema.getFields().size());
      }
      schema = new Schema(List.of(textField(schema.getFields().get(0).getName())));
    }
    if (source.paths().get(0).contains("*") || source.paths().get(0).contains("?")) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "table %s: CREATE TABLE ... AS writes into a directory, "
          + "not a glob: '%s'", create.name(), source.paths().get(0));
    }
    result.writeFiles(source.format(), source.paths().get(0), source.hasHeader());
    flow.run();
    GleamTable table = GleamTable.file(schema, source);
    boolean created = catalog.createTable(create.name().names, table, mode);
    if (created) {
      persist(new CatalogFile.FileTable(simpleName(create.name()), schema, source.withOptions()));
    }
    return StatementResult.update(0, (created ? "created table " : "table exists: ") + create.name()
        + " in " + source.paths().get(0));
  }

  private StatementResult createManaged(SqlIdentifier name, MemoryTable table, CreateMode mode) {
    boolean created;
    try {
      created = catalog.createTable(name.names, GleamTable.managed(table.schema(), table.rowCount(), table.id()),
          mode);
    } catch (RuntimeException e) {
      managedTables.discard(table);
      throw e;
    }
    if (!created) {
      managedTables.discard(table);
      return StatementResult.update(0, "table exists: " + name);
    }
    managedTables.bind(simpleName(name), table);
    persist(new CatalogFile.ManagedTable(simpleName(name), table.schema(), table.rowCount()));
    return StatementResult.update(table.rowCount(), "created table " + name);
  }

  private void persist(CatalogFile.Definition definition) {
    catalogFile.ifPresent(f -> f.put(definition));
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
    Optional<MemoryTable> data = table.source() instanceof ManagedTableSource
        ? managedTables.load(simpleName(target)) : Optional.empty();
    if (data.isEmpty()) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "table %s is not a managed table: INSERT is not supported "
          + "for %s", target, table.source().describe());
    }
    List<Field> columns = table.schema().getFields();
    PlannedQuery planned = planner.plan(castedQuery(target, insert.getSource(), columns));
    Flow flow = Flow.create("sql" + (++statements)).parallelism(parallelism);
    Dataset result = lowering(flow, planned).lower(planned.optimized());
    MemoryTable added = fill(flow, result, simpleName(target), table.schema());
    long rows = added.rowCount();
    try {
      checkNotNull(target, added);
      data.get().appendAll(added);
    } finally {
      managedTables.discard(added);
    }
    long total = data.get().rowCount();
    managedTables.save(simpleName(target));
    catalog.createTable(target.names, table.withSource(((ManagedTableSource) table.source())
        .withEstimatedRows(total)), CreateMode.REPLACE);
    persist(new CatalogFile.ManagedTable(simpleName(target), table.schema(), total));
    return StatementResult.update(rows, "inserted " + rows + " rows into " + target);
  }

  /** Fails naming the column if a NOT NULL column of {@code target} has a NULL among {@code rows}. */
  private static void checkNotNull(SqlIdentifier target, MemoryTable rows) {
    List<Field> fields = rows.schema().getFields();
    try (var allocator = io.gleam.connectors.memory.ProcessAllocator.root().newChildAllocator("insert check", 0,
        Long.MAX_VALUE)) {
      List<VectorSchemaRoot> batches = rows.snapshot(allocator);
      try {
        for (VectorSchemaRoot batch : batches) {
          for (int c = 0; c < fields.size(); c++) {
            FieldVector v = batch.getVector(c);
            if (!fields.get(c).isNullable() && v.getNullCount() > 0) {
              throw GleamException.user(ErrorCode.INVALID_FLOW, "INSERT into %s: column %s is NOT NULL, the query "
                  + "gives NULL", target, fields.get(c).getName());
            }
          }
        }
      } finally {
        batches.forEach(VectorSchemaRoot::close);
      }
    }
  }

  /**
   * {@code SELECT CAST(c0 AS type0), ... FROM (query) AS src(c0, ...)}: the query's columns cast by position to
   * {@code columns}' types; fails if the counts differ.
   */
  private String castedQuery(SqlIdentifier target, SqlNode query, List<Field> columns) {
    PlannedQuery source = planner.plan(query);
    if (source.fieldNames().size() != columns.size()) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "%s: the table has %d columns, the query %d",
          target, columns.size(), source.fieldNames().size());
    }
    StringBuilder sql = new StringBuilder("SELECT ");
    StringBuilder aliases = new StringBuilder();
    for (int i = 0; i < columns.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append("CAST(`c").append(i).append("` AS ")
          .append(typeText(TypeMapping.toRelType(typeFactory, columns.get(i)))).append(")");
      aliases.append(i == 0 ? "" : ", ").append("`c").append(i).append('`');
    }
    sql.append(" FROM (").append(GleamSqlParser.toSql(query)).append(") AS `src`(").append(aliases)
        .append(")");
    return sql.toString();
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
          managedTables.drop(simpleName(drop.name()));
          catalogFile.ifPresent(f -> f.remove(simpleName(drop.name())));
        }
        yield done;
      }
      case VIEW -> {
        boolean done = catalog.dropView(drop.name().names, drop.ifExists());
        if (done) {
          catalogFile.ifPresent(f -> f.remove(simpleName(drop.name())));
        }
        yield done;
      }
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
    // the type without its character set, collation and nullability: VARCHAR, DECIMAL(10, 2)
    rowType.getFieldList().forEach(f -> rows.add(Row.of(f.getName(), f.getType().toString(),
        f.getType().isNullable() ? "YES" : "NO")));
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

  /** Frees the managed tables' memory (their files, if any, stay). */
  @Override
  public synchronized void close() {
    managedTables.close();
  }
}
