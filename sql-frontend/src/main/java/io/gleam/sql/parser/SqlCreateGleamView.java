package io.gleam.sql.parser;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code CREATE [OR REPLACE] VIEW [IF NOT EXISTS] name [(column, ...)] AS query}. */
public final class SqlCreateGleamView extends SqlCreate {
  private static final SqlOperator OPERATOR = new SqlSpecialOperator("CREATE VIEW", SqlKind.CREATE_VIEW);

  private final SqlIdentifier name;
  private final SqlNodeList columns;
  private final SqlNode query;
  private final List<SqlIdentifier> columnIdentifiers;

  /** Makes the statement; {@code columns} holds simple {@link SqlIdentifier}s, empty when there is no list. */
  public SqlCreateGleamView(SqlParserPos pos, boolean replace, boolean ifNotExists, SqlIdentifier name,
      SqlNodeList columns, SqlNode query) {
    super(OPERATOR, pos, replace, ifNotExists);
    this.name = requireNonNull(name, "name is null");
    this.columns = requireNonNull(columns, "columns is null");
    this.query = requireNonNull(query, "query is null");
    this.columnIdentifiers = CreateStatements.elements(columns, SqlIdentifier.class);
    CreateStatements.checkReplaceOrIfNotExists(pos, replace, ifNotExists);
    CreateStatements.checkDistinctColumns(columnIdentifiers);
  }

  public SqlIdentifier name() {
    return name;
  }

  public boolean ifNotExists() {
    return ifNotExists;
  }

  /** The column names given after the view's name, empty if none are. */
  public List<String> columnNames() {
    return columnIdentifiers.stream().map(SqlIdentifier::getSimple).toList();
  }

  /** The column names as parsed, with their positions. */
  public List<SqlIdentifier> columns() {
    return columnIdentifiers;
  }

  public SqlNode query() {
    return query;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(name, columns, query);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    CreateStatements.unparseStart(writer, "VIEW", getReplace(), ifNotExists);
    name.unparse(writer, leftPrec, rightPrec);
    if (!columns.isEmpty()) {
      CreateStatements.unparseList(writer, columns);
    }
    writer.keyword("AS");
    writer.newlineAndIndent();
    query.unparse(writer, 0, 0);
  }
}
