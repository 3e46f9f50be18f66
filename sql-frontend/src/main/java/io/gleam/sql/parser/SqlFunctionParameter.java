package io.gleam.sql.parser;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** A parameter of {@code CREATE FUNCTION}: {@code name TYPE}. */
public final class SqlFunctionParameter extends SqlCall {
  private static final SqlOperator OPERATOR = new SqlSpecialOperator("PARAMETER", SqlKind.OTHER);

  private final SqlIdentifier name;
  private final SqlDataTypeSpec type;

  public SqlFunctionParameter(SqlParserPos pos, SqlIdentifier name, SqlDataTypeSpec type) {
    super(pos);
    this.name = requireNonNull(name, "name is null");
    this.type = requireNonNull(type, "type is null");
    if (!name.isSimple()) {
      throw SyntaxErrors.at(name.getParserPosition(), "Parameter name %s must be a simple name", name);
    }
  }

  public String name() {
    return name.getSimple();
  }

  public SqlIdentifier nameIdentifier() {
    return name;
  }

  public SqlDataTypeSpec type() {
    return type;
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(name, type);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    name.unparse(writer, 0, 0);
    type.unparse(writer, 0, 0);
  }
}
