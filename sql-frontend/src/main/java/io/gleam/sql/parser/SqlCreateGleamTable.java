package io.gleam.sql.parser;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;

/**
 * {@code CREATE [OR REPLACE] TABLE [IF NOT EXISTS] name [(column TYPE [NOT NULL], ...)] [WITH (key = value, ...)]
 * [AS query]}. Any of the column list, the options and the query may be absent; which combinations make sense
 * (a file table needs {@code format} and {@code path}, say) is for validation to decide.
 */
public final class SqlCreateGleamTable extends SqlCreate {
  private static final SqlOperator OPERATOR = new SqlSpecialOperator("CREATE TABLE", SqlKind.CREATE_TABLE);

  private final SqlIdentifier name;
  private final SqlNodeList columns;
  private final SqlNodeList options;
  private final SqlNode query; // null when absent
  private final List<SqlColumnDef> columnDefs;
  private final List<SqlTableOption> tableOptions;
  private final Map<String, Object> optionValues;

  /**
   * Makes the statement, as the parser does; {@code columns} holds {@link SqlColumnDef}s and {@code options}
   * {@link SqlTableOption}s with distinct keys (either list empty when absent), {@code query} is null when absent.
   */
  public SqlCreateGleamTable(SqlParserPos pos, boolean replace, boolean ifNotExists, SqlIdentifier name,
      SqlNodeList columns, SqlNodeList options, SqlNode query) {
    super(OPERATOR, pos, replace, ifNotExists);
    this.name = requireNonNull(name, "name is null");
    this.columns = requireNonNull(columns, "columns is null");
    this.options = requireNonNull(options, "options is null");
    this.query = query;
    this.columnDefs = CreateStatements.elements(columns, SqlColumnDef.class);
    this.tableOptions = CreateStatements.elements(options, SqlTableOption.class);
    CreateStatements.checkReplaceOrIfNotExists(pos, replace, ifNotExists);
    CreateStatements.checkDistinctColumns(columnDefs.stream().map(SqlColumnDef::nameIdentifier).toList());
    this.optionValues = collectOptions(tableOptions);
  }

  private static Map<String, Object> collectOptions(List<SqlTableOption> options) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (SqlTableOption option : options) {
      if (values.putIfAbsent(option.key(), option.value()) != null) {
        throw SyntaxErrors.at(option.keyIdentifier().getParserPosition(), "Duplicate option '%s'", option.key());
      }
    }
    return Collections.unmodifiableMap(values);
  }

  public SqlIdentifier name() {
    return name;
  }

  public boolean ifNotExists() {
    return ifNotExists;
  }

  /** The declared columns, empty if the statement has no column list. */
  public List<SqlColumnDef> columns() {
    return columnDefs;
  }

  /** The {@code WITH} options in the order written, empty if there are none. */
  public List<SqlTableOption> options() {
    return tableOptions;
  }

  /**
   * The {@code WITH} options by key, in the order written; each value is a {@link String}, a
   * {@link java.math.BigDecimal} or a {@link Boolean}.
   */
  public Map<String, Object> optionValues() {
    return optionValues;
  }

  /** The query of {@code CREATE TABLE ... AS query}. */
  public Optional<SqlNode> query() {
    return Optional.ofNullable(query);
  }

  @Override
  public List<SqlNode> getOperandList() {
    return ImmutableNullableList.of(name, columns, options, query);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    CreateStatements.unparseStart(writer, "TABLE", getReplace(), ifNotExists);
    name.unparse(writer, leftPrec, rightPrec);
    if (!columns.isEmpty()) {
      CreateStatements.unparseList(writer, columns);
    }
    if (!options.isEmpty()) {
      writer.keyword("WITH");
      CreateStatements.unparseList(writer, options);
    }
    if (query != null) {
      writer.keyword("AS");
      writer.newlineAndIndent();
      query.unparse(writer, 0, 0);
    }
  }
}
