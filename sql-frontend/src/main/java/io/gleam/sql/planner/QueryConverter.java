package io.gleam.sql.planner;

import static java.util.Objects.requireNonNull;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.sql.parser.GleamSqlConformance;
import io.gleam.sql.parser.GleamSqlParser;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Properties;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlNameMatcher;
import org.apache.calcite.sql.validate.SqlNameMatchers;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.sql2rel.StandardConvertletTable;

/**
 * Validates a query and converts it to relational algebra in one cluster, expanding the views it reads. One instance
 * serves one query (and the views in it): a validator keeps state.
 */
final class QueryConverter implements RelOptTable.ViewExpander {
  /** IN lists of any length stay expressions (they become SEARCH) rather than joins with a VALUES table. */
  private static final SqlToRelConverter.Config CONVERTER_CONFIG = SqlToRelConverter.config()
      .withExpand(false)
      .withInSubQueryThreshold(Integer.MAX_VALUE)
      .withTrimUnusedFields(false);

  private static final CalciteConnectionConfig CONNECTION_CONFIG = connectionConfig();

  private final CalciteSchema rootSchema;
  private final JavaTypeFactory typeFactory;
  private final RelOptCluster cluster;
  private final Deque<List<String>> viewsBeingExpanded = new ArrayDeque<>();

  QueryConverter(CalciteSchema rootSchema, JavaTypeFactory typeFactory, RelOptCluster cluster) {
    this.rootSchema = requireNonNull(rootSchema, "rootSchema is null");
    this.typeFactory = requireNonNull(typeFactory, "typeFactory is null");
    this.cluster = requireNonNull(cluster, "cluster is null");
  }

  /**
   * Functions outside the SQL standard that PostgreSQL and DuckDB also have: LENGTH (in characters). Found whatever
   * the case they are written in, as the standard ones are.
   */
  private static final SqlOperatorTable EXTRA_FUNCTIONS = new SqlOperatorTable() {
    private final SqlOperatorTable functions = SqlOperatorTables.of(SqlLibraryOperators.LENGTH);

    @Override
    public void lookupOperatorOverloads(SqlIdentifier opName, SqlFunctionCategory category,
        SqlSyntax syntax, List<SqlOperator> operatorList, SqlNameMatcher nameMatcher) {
      functions.lookupOperatorOverloads(opName, category, syntax, operatorList,
          SqlNameMatchers.withCaseSensitive(false));
    }

    @Override
    public List<SqlOperator> getOperatorList() {
      return functions.getOperatorList();
    }
  };

  /** A validator that resolves unqualified names in {@code defaultSchema}. */
  SqlValidator validator(List<String> defaultSchema) {
    CalciteCatalogReader catalogReader = catalogReader(defaultSchema);
    SqlValidator.Config config = SqlValidator.Config.DEFAULT
        .withConformance(GleamSqlConformance.INSTANCE)
        .withIdentifierExpansion(true);
    return SqlValidatorUtil.newValidator(
        SqlOperatorTables.chain(SqlStdOperatorTable.instance(), EXTRA_FUNCTIONS, catalogReader),
        catalogReader, typeFactory, config);
  }

  CalciteCatalogReader catalogReader(List<String> defaultSchema) {
    return new CalciteCatalogReader(rootSchema, defaultSchema, typeFactory, CONNECTION_CONFIG);
  }

  /** Converts a query {@code validator} has validated; sub-queries stay as expressions for the optimizer. */
  RelRoot convert(SqlValidator validator, SqlNode validated) {
    SqlToRelConverter converter = new SqlToRelConverter(this, validator,
        (CalciteCatalogReader) validator.getCatalogReader(), cluster, StandardConvertletTable.INSTANCE,
        CONVERTER_CONFIG);
    return converter.convertQuery(validated, false, true);
  }

  @Override
  public RelRoot expandView(RelDataType rowType, String queryString, List<String> schemaPath,
      List<String> viewPath) {
    String view = viewPath == null ? "?" : String.join(".", viewPath);
    if (viewPath != null && viewsBeingExpanded.contains(viewPath)) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "view '%s' reads itself", view);
    }
    viewsBeingExpanded.push(viewPath == null ? List.of() : viewPath);
    try {
      SqlNode query = GleamSqlParser.parse(queryString);
      if (!query.getKind().belongsTo(SqlKind.QUERY)) {
        throw GleamException.user(ErrorCode.INVALID_FLOW, "view '%s' is not a query: %s", view, queryString);
      }
      SqlValidator validator = validator(schemaPath);
      SqlNode validated;
      try {
        validated = validator.validate(query);
      } catch (CalciteContextException e) {
        GleamException error = ValidationErrors.of(e);
        throw new GleamException(error.code(), "view '" + view + "': " + error.getMessage(), e);
      }
      return convert(validator, validated);
    } finally {
      viewsBeingExpanded.pop();
    }
  }

  private static CalciteConnectionConfig connectionConfig() {
    Properties properties = new Properties();
    properties.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "true");
    return new CalciteConnectionConfigImpl(properties);
  }
}
