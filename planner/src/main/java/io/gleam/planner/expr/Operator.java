package io.gleam.planner.expr;

/**
 * The functions and operators a {@link Expr.Call} applies. Every call has SQL semantics: a NULL argument makes the
 * result NULL unless the operator says otherwise (AND, OR, IS ..., COALESCE, IN, CASE). The result type is the
 * call's type; arguments of other numeric types are widened to it (an int to a decimal of the result's scale, a
 * decimal to a double), and a decimal result is rounded half up to its scale.
 */
public enum Operator {
  /** {@code a + b}. */
  PLUS("+", Form.INFIX, 5, 2, 2),
  /** {@code a - b}. */
  MINUS("-", Form.INFIX, 5, 2, 2),
  /** {@code a * b}. */
  MULTIPLY("*", Form.INFIX, 6, 2, 2),
  /** {@code a / b}: integers truncate toward zero; dividing by zero is an error. */
  DIVIDE("/", Form.INFIX, 6, 2, 2),
  /** {@code a % b}: the remainder has the sign of {@code a}; zero divisor is an error. */
  MOD("%", Form.INFIX, 6, 2, 2),
  /** {@code -a}. */
  NEGATE("-", Form.PREFIX, 7, 1, 1),
  /** {@code a = b}; strings compare by UTF-8 bytes (code point order). */
  EQUALS("=", Form.INFIX, 4, 2, 2),
  /** {@code a <> b}. */
  NOT_EQUALS("<>", Form.INFIX, 4, 2, 2),
  /** {@code a < b}. */
  LESS_THAN("<", Form.INFIX, 4, 2, 2),
  /** {@code a <= b}. */
  LESS_THAN_OR_EQUAL("<=", Form.INFIX, 4, 2, 2),
  /** {@code a > b}. */
  GREATER_THAN(">", Form.INFIX, 4, 2, 2),
  /** {@code a >= b}. */
  GREATER_THAN_OR_EQUAL(">=", Form.INFIX, 4, 2, 2),
  /** {@code a AND b AND ...}: FALSE if any argument is FALSE, else NULL if any is NULL; stops at the first FALSE. */
  AND("AND", Form.INFIX, 2, 2, Integer.MAX_VALUE),
  /** {@code a OR b OR ...}: TRUE if any argument is TRUE, else NULL if any is NULL; stops at the first TRUE. */
  OR("OR", Form.INFIX, 1, 2, Integer.MAX_VALUE),
  /** {@code NOT a}. */
  NOT("NOT", Form.PREFIX, 3, 1, 1),
  /** {@code a IS NULL}; never NULL. Takes an argument of any type. */
  IS_NULL("IS NULL", Form.POSTFIX, 4, 1, 1),
  /** {@code a IS NOT NULL}; never NULL. Takes an argument of any type. */
  IS_NOT_NULL("IS NOT NULL", Form.POSTFIX, 4, 1, 1),
  /** {@code a IS TRUE}; never NULL. */
  IS_TRUE("IS TRUE", Form.POSTFIX, 4, 1, 1),
  /** {@code a IS FALSE}; never NULL. */
  IS_FALSE("IS FALSE", Form.POSTFIX, 4, 1, 1),
  /** {@code a IS NOT TRUE}; never NULL. */
  IS_NOT_TRUE("IS NOT TRUE", Form.POSTFIX, 4, 1, 1),
  /** {@code a IS NOT FALSE}; never NULL. */
  IS_NOT_FALSE("IS NOT FALSE", Form.POSTFIX, 4, 1, 1),
  /** The first argument that is not NULL; later arguments are not evaluated. */
  COALESCE("COALESCE", Form.FUNCTION, 8, 1, Integer.MAX_VALUE),
  /**
   * {@code s LIKE pattern [ESCAPE e]}: {@code %} matches any characters, {@code _} one character; the optional
   * escape (one character) makes the next {@code %}, {@code _} or escape literal. Case-sensitive.
   */
  LIKE("LIKE", Form.SPECIAL, 4, 2, 3),
  /** {@code s NOT LIKE pattern [ESCAPE e]}. */
  NOT_LIKE("NOT LIKE", Form.SPECIAL, 4, 2, 3),
  /**
   * {@code a IN (v1, v2, ...)}: the first argument is the value, the others the list. TRUE if it equals one,
   * else NULL if the value or a list element is NULL, else FALSE.
   */
  IN("IN", Form.SPECIAL, 4, 2, Integer.MAX_VALUE),
  /** {@code a BETWEEN lo AND hi}: {@code a >= lo AND a <= hi}. */
  BETWEEN("BETWEEN", Form.SPECIAL, 4, 3, 3),
  /**
   * {@code SUBSTRING(s, start[, length])} in characters, 1-based: positions before 1 or after the end are cut off
   * ({@code SUBSTRING('hello', 0, 3)} is {@code 'he'}); a negative length is an error.
   */
  SUBSTRING("SUBSTRING", Form.FUNCTION, 8, 2, 3),
  /** {@code UPPER(s)}. */
  UPPER("UPPER", Form.FUNCTION, 8, 1, 1),
  /** {@code LOWER(s)}. */
  LOWER("LOWER", Form.FUNCTION, 8, 1, 1),
  /** {@code TRIM(s)}: removes leading and trailing spaces. */
  TRIM("TRIM", Form.FUNCTION, 8, 1, 1),
  /** {@code LTRIM(s)}: removes leading spaces. */
  LTRIM("LTRIM", Form.FUNCTION, 8, 1, 1),
  /** {@code RTRIM(s)}: removes trailing spaces. */
  RTRIM("RTRIM", Form.FUNCTION, 8, 1, 1),
  /** {@code CHAR_LENGTH(s)} in characters (code points). */
  CHAR_LENGTH("CHAR_LENGTH", Form.FUNCTION, 8, 1, 1),
  /** {@code a || b || ...}: NULL if any argument is NULL. */
  CONCAT("||", Form.INFIX, 5, 2, Integer.MAX_VALUE),
  /**
   * {@code POSITION(needle IN s)}: the 1-based character position of the first occurrence of {@code needle} in
   * {@code s}, 0 if there is none, 1 for an empty needle.
   */
  POSITION("POSITION", Form.FUNCTION, 8, 2, 2),
  /**
   * {@code REPLACE(s, from, to)}: every occurrence of {@code from} in {@code s}, left to right and not overlapping,
   * replaced by {@code to}; an empty {@code from} leaves {@code s} as it is.
   */
  REPLACE("REPLACE", Form.FUNCTION, 8, 3, 3),
  /** {@code EXTRACT(YEAR FROM date)}. */
  EXTRACT_YEAR("YEAR", Form.SPECIAL, 8, 1, 1),
  /** {@code EXTRACT(MONTH FROM date)}. */
  EXTRACT_MONTH("MONTH", Form.SPECIAL, 8, 1, 1),
  /** {@code EXTRACT(DAY FROM date)}. */
  EXTRACT_DAY("DAY", Form.SPECIAL, 8, 1, 1),
  /** {@code DATE_ADD_DAYS(date, n)}: {@code date + INTERVAL 'n' DAY}; n may be negative. */
  DATE_ADD_DAYS("DATE_ADD_DAYS", Form.FUNCTION, 8, 2, 2),
  /**
   * {@code DATE_ADD_MONTHS(date, n)}: {@code date + INTERVAL 'n' MONTH}, the day clamped to the end of the month
   * (Jan 31 + 1 month is Feb 28 or 29). Years are 12 months.
   */
  DATE_ADD_MONTHS("DATE_ADD_MONTHS", Form.FUNCTION, 8, 2, 2),
  /** {@code ABS(a)}. */
  ABS("ABS", Form.FUNCTION, 8, 1, 1),
  /**
   * {@code ROUND(a[, digits])}: rounds half away from zero to {@code digits} (a literal, default 0) places after
   * the point; negative digits round to tens, hundreds, ...
   */
  ROUND("ROUND", Form.FUNCTION, 8, 1, 2),
  /**
   * {@code FAIL(message)}: never gives a value; evaluating it fails the query with {@code message} (a string
   * literal) as a user error. It stands in a CASE branch that must not be taken, e.g. {@code CASE WHEN rows > 1
   * THEN FAIL('more than one row ...') ELSE value END} for a scalar subquery. Its type is that of the CASE.
   */
  FAIL("FAIL", Form.FUNCTION, 8, 1, 1);

  /** How a call of the operator is written. */
  public enum Form { INFIX, PREFIX, POSTFIX, FUNCTION, SPECIAL }

  private final String symbol;
  private final Form form;
  private final int precedence;
  private final int minArgs;
  private final int maxArgs;

  Operator(String symbol, Form form, int precedence, int minArgs, int maxArgs) {
    this.symbol = symbol;
    this.form = form;
    this.precedence = precedence;
    this.minArgs = minArgs;
    this.maxArgs = maxArgs;
  }

  /** The SQL text of the operator: {@code +}, {@code IS NULL}, {@code SUBSTRING}. */
  public String symbol() {
    return symbol;
  }

  public Form form() {
    return form;
  }

  /** Binding strength when rendered: OR 1, AND 2, NOT 3, comparisons 4, additive 5, multiplicative 6, unary 7. */
  public int precedence() {
    return precedence;
  }

  public int minArgs() {
    return minArgs;
  }

  public int maxArgs() {
    return maxArgs;
  }

  /** Whether {@code a op (b op c)} means {@code (a op b) op c}, so the parentheses can be left out. */
  public boolean isAssociative() {
    return this == PLUS || this == MULTIPLY || this == AND || this == OR || this == CONCAT;
  }
}
