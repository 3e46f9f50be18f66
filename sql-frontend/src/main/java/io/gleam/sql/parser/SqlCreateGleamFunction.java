package io.gleam.sql.parser;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code CREATE [OR REPLACE] FUNCTION [IF NOT EXISTS] name ([arg TYPE, ...]) RETURNS TYPE LANGUAGE LUA | PIPE AS
 * 'body'}: a scalar function whose body is Lua source or a pipe command, kept as text.
 */
public final class SqlCreateGleamFunction extends SqlCreate {
  private static final SqlOperator OPERATOR = new SqlSpecialOperator("CREATE FUNCTION", SqlKind.CREATE_FUNCTION);

  /** The language a function's body is written in. */
  public enum Language {
    /** The body is Lua source. */
    LUA,
    /** The body is a shell command; rows go to its stdin as tab-separated lines and come back from its stdout. */
    PIPE
  }

  private final SqlIdentifier name;
  private final SqlNodeList parameters;
  private final List<SqlFunctionParameter> parameterList;
  private final SqlDataTypeSpec returnType;
  private final Language language;
  private final SqlCharStringLiteral body;

  /**
   * Makes the statement, as the parser does: {@code parameters} holds {@link SqlFunctionParameter}s with distinct
   * names, {@code language} names a {@link Language} (in any case), {@code body} is a character string literal,
   * possibly continued over several lines.
   */
  public SqlCreateGleamFunction(SqlParserPos pos, boolean replace, boolean ifNotExists, SqlIdentifier name,
      SqlNodeList parameters, SqlDataTypeSpec returnType, SqlIdentifier language, SqlNode body) {
    super(OPERATOR, pos, replace, ifNotExists);
    this.name = requireNonNull(name, "name is null");
    this.parameters = requireNonNull(parameters, "parameters is null");
    this.parameterList = CreateStatements.elements(parameters, SqlFunctionParameter.class);
    this.returnType = requireNonNull(returnType, "returnType is null");
    this.language = language(requireNonNull(language, "language is null"));
    this.body = bodyLiteral(requireNonNull(body, "body is null"));
    CreateStatements.checkReplaceOrIfNotExists(pos, replace, ifNotExists);
    CreateStatements.checkDistinctColumns(
        parameterList.stream().map(SqlFunctionParameter::nameIdentifier).toList());
  }

  private static Language language(SqlIdentifier identifier) {
    String text = identifier.toString();
    for (Language language : Language.values()) {
      if (language.name().equals(text.toUpperCase(Locale.ROOT))) {
        return language;
      }
    }
    throw SyntaxErrors.at(identifier.getParserPosition(),
        "Unknown function language '%s'; expected LUA or PIPE", text);
  }

  private static SqlCharStringLiteral bodyLiteral(SqlNode body) {
    SqlLiteral literal = SqlLiteral.unchain(body);
    if (!(literal instanceof SqlCharStringLiteral)) {
      throw SyntaxErrors.at(body.getParserPosition(), "Function body must be a character string, found %s", body);
    }
    return (SqlCharStringLiteral) literal;
  }

  public SqlIdentifier name() {
    return name;
  }

  public boolean ifNotExists() {
    return ifNotExists;
  }

  public List<SqlFunctionParameter> parameters() {
    return parameterList;
  }

  public SqlDataTypeSpec returnType() {
    return returnType;
  }

  public Language language() {
    return language;
  }

  /** The body's text: Lua source or a pipe command. */
  public String body() {
    return body.getValueAs(String.class);
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(name, parameters, returnType, SqlLiteral.createSymbol(language, SqlParserPos.ZERO), body);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    CreateStatements.unparseStart(writer, "FUNCTION", getReplace(), ifNotExists);
    name.unparse(writer, leftPrec, rightPrec);
    writer.setNeedWhitespace(false);
    SqlWriter.Frame frame = writer.startList(SqlWriter.FrameTypeEnum.FUN_CALL, "(", ")");
    for (SqlNode parameter : parameters) {
      writer.sep(",");
      parameter.unparse(writer, 0, 0);
    }
    writer.endList(frame);
    writer.keyword("RETURNS");
    returnType.unparse(writer, 0, 0);
    writer.keyword("LANGUAGE");
    writer.keyword(language.name());
    writer.keyword("AS");
    body.unparse(writer, 0, 0);
  }
}
