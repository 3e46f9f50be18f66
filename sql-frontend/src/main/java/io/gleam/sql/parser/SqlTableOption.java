package io.gleam.sql.parser;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * One option of {@code CREATE TABLE ... WITH (key = value, ...)}: a simple name and a literal that is a string, a
 * number, {@code TRUE} or {@code FALSE}. {@link #value()} gives it as a {@link String}, {@link BigDecimal} or
 * {@link Boolean}.
 */
public final class SqlTableOption extends SqlCall {
  private static final SqlOperator OPERATOR = new SqlSpecialOperator("OPTION", SqlKind.OTHER);

  private final SqlIdentifier key;
  private final SqlLiteral literal;
  private final Object value;

  /**
   * Makes an option. {@code value} is a literal as the parser gives it: a string (possibly continued over several
   * lines), a signed number, or a boolean.
   */
  public SqlTableOption(SqlParserPos pos, SqlIdentifier key, SqlNode value) {
    super(pos);
    this.key = requireNonNull(key, "key is null");
    requireNonNull(value, "value is null");
    if (!key.isSimple()) {
      throw SyntaxErrors.at(key.getParserPosition(), "Option name %s must be a simple name", key);
    }
    this.literal = SqlLiteral.unchain(value);
    this.value = javaValue(key.getSimple(), literal);
  }

  private static Object javaValue(String key, SqlLiteral literal) {
    if (literal instanceof SqlCharStringLiteral) {
      return literal.getValueAs(String.class);
    }
    if (literal instanceof SqlNumericLiteral) {
      return literal.getValueAs(BigDecimal.class);
    }
    if (literal.getTypeName() == SqlTypeName.BOOLEAN && literal.getValue() != null) {
      return literal.booleanValue();
    }
    throw SyntaxErrors.at(literal.getParserPosition(),
        "Option '%s' must be a string, a number, TRUE or FALSE, found %s", key, literal);
  }

  /** The option's name, as written if quoted and in lower case if not. */
  public String key() {
    return key.getSimple();
  }

  public SqlIdentifier keyIdentifier() {
    return key;
  }

  /** The value: a {@link String}, a {@link BigDecimal} or a {@link Boolean}. */
  public Object value() {
    return value;
  }

  /** The value as written. */
  public SqlLiteral literal() {
    return literal;
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(key, literal);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    key.unparse(writer, 0, 0);
    writer.keyword("=");
    literal.unparse(writer, 0, 0);
  }
}
