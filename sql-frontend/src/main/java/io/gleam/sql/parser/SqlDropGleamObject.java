package io.gleam.sql.parser;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.calcite.sql.SqlDrop;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code DROP TABLE | VIEW | FUNCTION [IF EXISTS] name}; its kind is DROP_TABLE, DROP_VIEW or DROP_FUNCTION. */
public final class SqlDropGleamObject extends SqlDrop {
  /** What a DROP statement drops. */
  public enum ObjectType {
    TABLE(new SqlSpecialOperator("DROP TABLE", SqlKind.DROP_TABLE)),
    VIEW(new SqlSpecialOperator("DROP VIEW", SqlKind.DROP_VIEW)),
    FUNCTION(new SqlSpecialOperator("DROP FUNCTION", SqlKind.DROP_FUNCTION));

    private final SqlOperator operator;

    ObjectType(SqlOperator operator) {
      this.operator = operator;
    }
  }

  private final ObjectType objectType;
  private final SqlIdentifier name;

  public SqlDropGleamObject(SqlParserPos pos, ObjectType objectType, boolean ifExists, SqlIdentifier name) {
    super(requireNonNull(objectType, "objectType is null").operator, pos, ifExists);
    this.objectType = objectType;
    this.name = requireNonNull(name, "name is null");
  }

  public ObjectType objectType() {
    return objectType;
  }

  public boolean ifExists() {
    return ifExists;
  }

  public SqlIdentifier name() {
    return name;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(name);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("DROP");
    writer.keyword(objectType.name());
    if (ifExists) {
      writer.keyword("IF EXISTS");
    }
    name.unparse(writer, leftPrec, rightPrec);
  }
}
