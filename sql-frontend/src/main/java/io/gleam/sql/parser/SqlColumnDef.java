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

/** A column of {@code CREATE TABLE}: {@code name TYPE [NOT NULL]}. */
public final class SqlColumnDef extends SqlCall {
  private static final SqlOperator OPERATOR = new SqlSpecialOperator("COLUMN_DECL", SqlKind.COLUMN_DECL);

  private final SqlIdentifier name;
  private final SqlDataTypeSpec type;

  /** Makes a column; {@code type}'s nullability says whether the column may be null (unset means it may). */
  public SqlColumnDef(SqlParserPos pos, SqlIdentifier name, SqlDataTypeSpec type) {
    super(pos);
    this.name = requireNonNull(name, "name is null");
    this.type = requireNonNull(type, "type is null");
    if (!name.isSimple()) {
      throw SyntaxErrors.at(name.getParserPosition(), "Column name %s must be a simple name", name);
    }
  }

  public String name() {
    return name.getSimple();
  }

  public SqlIdentifier nameIdentifier() {
    return name;
  }

  /** The column's type; {@link SqlDataTypeSpec#getNullable()} is set. */
  public SqlDataTypeSpec type() {
    return type;
  }

  public boolean nullable() {
    return !Boolean.FALSE.equals(type.getNullable());
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
    if (!nullable()) {
      writer.keyword("NOT NULL");
    }
  }
}
