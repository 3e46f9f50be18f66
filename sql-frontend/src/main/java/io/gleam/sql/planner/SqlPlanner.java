package io.gleam.sql.planner;

import static java.util.Objects.requireNonNull;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.sql.catalog.Catalog;
import io.gleam.sql.catalog.GleamTypeFactory;
import io.gleam.sql.catalog.GleamView;
import io.gleam.sql.parser.GleamSqlParser;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.runtime.CalciteException;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.tools.RelBuilder;

/**
 * Plans SQL queries against a {@link Catalog}: parses, validates, converts to relational algebra and optimizes,
 * giving a {@link PlannedQuery} of Calcite {@code Logical*} nodes for the lowering to a Gleam flow.
 *
 * <p>Optimization is heuristic and fast: sub-query removal, decorrelation, predicate pushdown and simplification,
 * join ordering by row counts (see {@link LogicalOptimizer}), column pruning. Errors in the query (unknown table
 * or column, a type mismatch, a statement that is not a query) are {@link GleamException}s with code
 * {@link ErrorCode#INVALID_FLOW} whose message is Calcite's, with the line and column.
 *
 * <p>A planner is immutable and may plan queries on several threads at once.
 */
public final class SqlPlanner {
  /** The schema unqualified names resolve in unless told otherwise. */
  public static final List<String> DEFAULT_SCHEMA = List.of(Catalog.MAIN_SCHEMA);

  private static final HepProgram NO_RULES = HepProgram.builder().build();
  private static final ConstantFolder CONSTANT_FOLDER = new ConstantFolder(RexUtil.EXECUTOR);

  private final Catalog catalog;
  private final List<String> defaultSchema;
  private final JavaTypeFactory typeFactory;

  /** A planner that resolves unqualified names in {@code defaultSchema}, e.g. {@code [tpch, tiny]}. */
  public SqlPlanner(Catalog catalog, List<String> defaultSchema) {
    this.catalog = requireNonNull(catalog, "catalog is null");
    this.defaultSchema = List.copyOf(requireNonNull(defaultSchema, "defaultSchema is null"));
    this.typeFactory = new GleamTypeFactory();
  }

  /** A planner that resolves unqualified names in {@code main}. */
  public SqlPlanner(Catalog catalog) {
    this(catalog, DEFAULT_SCHEMA);
  }

  public Catalog catalog() {
    return catalog;
  }

  public List<String> defaultSchema() {
    return defaultSchema;
  }

  /** Returns a planner over the same catalog that resolves unqualified names in {@code schema}. */
  public SqlPlanner withDefaultSchema(List<String> schema) {
    return new SqlPlanner(catalog, schema);
  }

  /** Parses, validates and optimizes one query (SELECT, WITH, VALUES, set operations, ORDER BY). */
  public PlannedQuery plan(String sql) {
    requireNonNull(sql, "sql is null");
    long start = System.nanoTime();
    SqlNode query = GleamSqlParser.parse(sql);
    Duration parse = Duration.ofNanos(System.nanoTime() - start);
    return plan(sql, query, parse);
  }

  /** Validates and optimizes a query the caller has parsed with {@link GleamSqlParser}. */
  public PlannedQuery plan(SqlNode query) {
    requireNonNull(query, "query is null");
    return plan(GleamSqlParser.toSql(query), query, Duration.ZERO);
  }

  /**
   * Validates a view's query and describes the view: its columns are the query's, renamed to {@code columnNames}
   * unless that is empty. The view's names resolve in this planner's default schema, now and whenever it is read.
   */
  public GleamView view(String sql, List<String> columnNames) {
    requireNonNull(sql, "sql is null");
    requireNonNull(columnNames, "columnNames is null");
    SqlNode query = checkQuery(GleamSqlParser.parse(sql));
    QueryConverter converter = new QueryConverter(rootSchema(), typeFactory, newCluster());
    SqlValidator validator = converter.validator(defaultSchema);
    RelDataType rowType = validator.getValidatedNodeType(validate(validator, query));
    if (!columnNames.isEmpty()) {
      if (columnNames.size() != rowType.getFieldCount()) {
        throw GleamException.user(ErrorCode.INVALID_FLOW, "the view names %d columns but its query has %d",
            columnNames.size(), rowType.getFieldCount());
      }
      rowType = typeFactory.createStructType(
          rowType.getFieldList().stream().map(RelDataTypeField::getType).toList(), columnNames);
    }
    Set<String> seen = new HashSet<>();
    for (String name : rowType.getFieldNames()) {
      if (!seen.add(name)) {
        throw GleamException.user(ErrorCode.INVALID_FLOW,
            "the view has two columns named '%s': give its columns distinct names", name);
      }
    }
    return new GleamView(sql, defaultSchema, rowType);
  }

  private PlannedQuery plan(String sql, SqlNode query, Duration parse) {
    checkQuery(query);
    RelOptCluster cluster = newCluster();
    QueryConverter converter = new QueryConverter(rootSchema(), typeFactory, cluster);
    SqlValidator validator = converter.validator(defaultSchema);

    long start = System.nanoTime();
    SqlNode validated = validate(validator, query);
    long validatedAt = System.nanoTime();
    RelRoot root = translatingErrors("convert", () -> converter.convert(validator, validated));
    RelNode logical = root.project();
    long convertedAt = System.nanoTime();
    RelBuilder relBuilder = RelFactories.LOGICAL_BUILDER.create(cluster, converter.catalogReader(defaultSchema));
    RelNode optimized = translatingErrors("optimize", () -> new LogicalOptimizer(relBuilder).optimize(logical));
    long optimizedAt = System.nanoTime();

    PlanningTimes times = new PlanningTimes(parse, Duration.ofNanos(validatedAt - start),
        Duration.ofNanos(convertedAt - validatedAt), Duration.ofNanos(optimizedAt - convertedAt));
    return new PlannedQuery(sql, logical, optimized, root.validatedRowType, times);
  }

  /**
   * Runs a step after validation: Calcite's errors about the query become {@link ErrorCode#INVALID_FLOW}, any other
   * failure {@link ErrorCode#INTERNAL}.
   */
  private static <T> T translatingErrors(String step, Supplier<T> work) {
    try {
      return work.get();
    } catch (GleamException e) {
      throw e;
    } catch (CalciteContextException e) {
      throw ValidationErrors.of(e);
    } catch (CalciteException e) {
      throw ValidationErrors.of(e);
    } catch (RuntimeException | AssertionError e) {
      throw new GleamException(ErrorCode.INTERNAL, "cannot " + step + " the query: " + e, e);
    }
  }

  private static SqlNode checkQuery(SqlNode statement) {
    if (!statement.getKind().belongsTo(SqlKind.QUERY)) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "expected a query, found %s",
          statement.getKind().name().replace('_', ' '));
    }
    return statement;
  }

  private static SqlNode validate(SqlValidator validator, SqlNode query) {
    try {
      SqlNode validated = validator.validate(query);
      TextLiteralCasts.check(validator, validated);
      return validated;
    } catch (CalciteContextException e) {
      throw ValidationErrors.of(e);
    } catch (CalciteException e) {
      throw ValidationErrors.of(e);
    }
  }

  private CalciteSchema rootSchema() {
    return CalciteSchema.from(catalog.rootSchema());
  }

  private RelOptCluster newCluster() {
    HepPlanner planner = new HepPlanner(NO_RULES);
    planner.setExecutor(CONSTANT_FOLDER);
    RelOptCluster cluster = RelOptCluster.create(planner, new RexBuilder(typeFactory));
    cluster.setMetadataProvider(GleamSelectivity.PROVIDER);
    return cluster;
  }
}
