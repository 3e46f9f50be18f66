package io.gleam.sql.parser;

import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code SHOW TABLES [FROM schema]}: lists the tables and views of a schema, the current one by default. */
public final class SqlShowTables extends SqlCall {
  private static final SqlOperator OPERATOR = new SqlSpecialOperator("SHOW TABLES", SqlKind.OTHER);

  private final SqlIdentifier schema; // null when absent

  /** Makes the statement; {@code schema} is null for the current schema. */
  public SqlShowTables(SqlParserPos pos, SqlIdentifier schema) {
    super(pos);
    this.schema = schema;
  }

  public Optional<SqlIdentifier> schema() {
    return Optional.ofNullable(schema);
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return schema == null ? Collections.emptyList() : List.of(schema);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("SHOW TABLES");
    if (schema != null) {
      writer.keyword("FROM");
      schema.unparse(writer, leftPrec, rightPrec);
    }
  }
}
