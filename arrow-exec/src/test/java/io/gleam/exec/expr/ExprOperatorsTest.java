package io.gleam.exec.expr;

import static io.gleam.planner.expr.Operator.ABS;
import static io.gleam.planner.expr.Operator.AND;
import static io.gleam.planner.expr.Operator.BETWEEN;
import static io.gleam.planner.expr.Operator.CHAR_LENGTH;
import static io.gleam.planner.expr.Operator.COALESCE;
import static io.gleam.planner.expr.Operator.CONCAT;
import static io.gleam.planner.expr.Operator.DATE_ADD_DAYS;
import static io.gleam.planner.expr.Operator.DATE_ADD_MONTHS;
import static io.gleam.planner.expr.Operator.DIVIDE;
import static io.gleam.planner.expr.Operator.EQUALS;
import static io.gleam.planner.expr.Operator.EXTRACT_DAY;
import static io.gleam.planner.expr.Operator.EXTRACT_MONTH;
import static io.gleam.planner.expr.Operator.EXTRACT_YEAR;
import static io.gleam.planner.expr.Operator.FAIL;
import static io.gleam.planner.expr.Operator.GREATER_THAN;
import static io.gleam.planner.expr.Operator.GREATER_THAN_OR_EQUAL;
import static io.gleam.planner.expr.Operator.IN;
import static io.gleam.planner.expr.Operator.IS_FALSE;
import static io.gleam.planner.expr.Operator.IS_NOT_FALSE;
import static io.gleam.planner.expr.Operator.IS_NOT_NULL;
import static io.gleam.planner.expr.Operator.IS_NOT_TRUE;
import static io.gleam.planner.expr.Operator.IS_NULL;
import static io.gleam.planner.expr.Operator.IS_TRUE;
import static io.gleam.planner.expr.Operator.LESS_THAN;
import static io.gleam.planner.expr.Operator.LESS_THAN_OR_EQUAL;
import static io.gleam.planner.expr.Operator.LIKE;
import static io.gleam.planner.expr.Operator.LOWER;
import static io.gleam.planner.expr.Operator.LTRIM;
import static io.gleam.planner.expr.Operator.MINUS;
import static io.gleam.planner.expr.Operator.MOD;
import static io.gleam.planner.expr.Operator.MULTIPLY;
import static io.gleam.planner.expr.Operator.NEGATE;
import static io.gleam.planner.expr.Operator.NOT;
import static io.gleam.planner.expr.Operator.NOT_EQUALS;
import static io.gleam.planner.expr.Operator.NOT_LIKE;
import static io.gleam.planner.expr.Operator.OR;
import static io.gleam.planner.expr.Operator.PLUS;
import static io.gleam.planner.expr.Operator.POSITION;
import static io.gleam.planner.expr.Operator.REPLACE;
import static io.gleam.planner.expr.Operator.ROUND;
import static io.gleam.planner.expr.Operator.RTRIM;
import static io.gleam.planner.expr.Operator.SUBSTRING;
import static io.gleam.planner.expr.Operator.TRIM;
import static io.gleam.planner.expr.Operator.UPPER;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.planner.expr.Expr;
import io.gleam.planner.expr.Operator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every operator on hand-checked values, NULLs included, compiled and interpreted. */
class ExprOperatorsTest extends ExprTestBase {
  private static final Expr I64 = col(0);
  private static final Expr I32 = col(1);
  private static final Expr DBL = col(2);
  private static final Expr PRICE = col(3);
  private static final Expr RATE = col(4);
  private static final Expr S = col(5);
  private static final Expr DAY = col(6);
  private static final Expr FLAG = col(7);
  private static final Expr BIG = col(8);

  @Test
  void integerArithmetic() {
    List<Object[]> rows = rows(row(7L, 2), row(-7L, 2), row(null, 3), row(7L, null));
    check(call(PLUS, BIGINT, I64, I32), rows, 9L, -5L, null, null);
    check(call(MINUS, BIGINT, I64, I32), rows, 5L, -9L, null, null);
    check(call(MULTIPLY, BIGINT, I64, I32), rows, 14L, -14L, null, null);
    check(call(DIVIDE, BIGINT, I64, I32), rows, 3L, -3L, null, null);
    check(call(MOD, BIGINT, I64, I32), rows, 1L, -1L, null, null);
    check(call(NEGATE, BIGINT, I64), rows, -7L, 7L, null, -7L);
    check(call(ABS, BIGINT, I64), rows, 7L, 7L, null, 7L);
    check(call(PLUS, INT, I32, litInt(1)), rows, 3L, 3L, 4L, null);
  }

  @Test
  void overflowAndDivisionByZero() {
    ErrorCode code = fails(call(MULTIPLY, BIGINT, I64, I64), rows(row(1L), row(Long.MAX_VALUE)),
        "numeric overflow in expression $0 * $0").code();
    assertEquals(ErrorCode.MALFORMED_INPUT, code);
    fails(call(PLUS, INT, I32, litInt(1)), rows(row(null, Integer.MAX_VALUE)),
        "numeric overflow in expression $1 + 1");
    fails(call(DIVIDE, BIGINT, I64, I32), rows(row(1L, 1), row(5L, 0)), "division by zero in expression $0 / $1");
    fails(call(MOD, BIGINT, I64, lit(0)), rows(row(5L)), "division by zero in expression $0 % 0");
    fails(call(DIVIDE, DOUBLE, DBL, lit(0.0)), rows(row(null, null, 1.5)),
        "division by zero in expression $2 / 0.0E0");
    fails(call(DIVIDE, dec(20, 6), PRICE, RATE), rows(row(null, null, null, bd("1.00"), bd("0.0000"))),
        "division by zero in expression $3 / $4");
    // a NULL divisor gives NULL, not an error
    check(call(DIVIDE, BIGINT, I64, I32), rows(row(null, 0), row(4L, null)), null, null);
  }

  @Test
  void doubleArithmetic() {
    List<Object[]> rows = rows(row(3L, 2, 1.5), row(null, null, -0.25));
    check(call(PLUS, DOUBLE, DBL, I64), rows, 4.5, null);
    check(call(MINUS, DOUBLE, DBL, I32), rows, -0.5, null);
    check(call(MULTIPLY, DOUBLE, DBL, lit(2.0)), rows, 3.0, -0.5);
    check(call(DIVIDE, DOUBLE, DBL, lit(0.5)), rows, 3.0, -0.5);
    check(call(MOD, DOUBLE, lit(7.5), DBL), rows, 0.0, 0.0);
    check(call(NEGATE, DOUBLE, DBL), rows, -1.5, 0.25);
    check(call(ABS, DOUBLE, DBL), rows, 1.5, 0.25);
  }

  @Test
  void decimalArithmeticTakesSqlScales() {
    // TPC-H Q1: l_extendedprice * (1 - l_discount), 1 an INTEGER literal
    Expr oneMinus = call(MINUS, dec(16, 2), litInt(1), RATE);
    Expr rows = call(MULTIPLY, dec(31, 6), PRICE, oneMinus);
    List<Object[]> data = rows(row(null, null, null, bd("24710.35"), bd("0.0400")),
        row(null, null, null, bd("1.00"), null));
    check(call(MULTIPLY, dec(31, 4), PRICE, call(MINUS, dec(16, 2), litInt(1), litDec("0.04"))), data,
        bd("23721.9360"), bd("0.9600"));
    check(rows, data, bd("23721.936000"), null);
    check(call(PLUS, dec(17, 4), PRICE, RATE), data, bd("24710.3900"), null);
    check(call(MINUS, dec(17, 4), PRICE, RATE), data, bd("24710.3100"), null);
    check(call(PLUS, dec(17, 2), PRICE, I64), rows(row(5L, null, null, bd("1.25"))), bd("6.25"));
    // rounding half up (away from zero) to a smaller result scale
    check(call(MULTIPLY, dec(20, 2), litDec("1.25"), litDec("0.5")), bd("0.63"));
    check(call(MULTIPLY, dec(20, 2), litDec("-1.25"), litDec("0.5")), bd("-0.63"));
    check(call(DIVIDE, dec(20, 6), litDec("1.00"), litDec("3.00")), bd("0.333333"));
    check(call(DIVIDE, dec(20, 2), litDec("2.00"), litDec("3")), bd("0.67"));
    check(call(DIVIDE, dec(20, 2), litDec("-2.00"), litDec("3")), bd("-0.67"));
    check(call(DIVIDE, dec(20, 0), litDec("5"), litDec("2")), bd("3"));
    check(call(MOD, dec(10, 2), litDec("7.50"), litDec("2")), bd("1.50"));
    check(call(MOD, dec(10, 2), litDec("-7.50"), litDec("2")), bd("-1.50"));
    check(call(NEGATE, dec(15, 2), PRICE), data, bd("-24710.35"), bd("-1.00"));
    check(call(ABS, dec(15, 2), litDec("-3.10")), bd("3.10"));
    // a decimal and a double compute in double
    check(call(MULTIPLY, DOUBLE, PRICE, lit(2.0)), data, 49420.7, 2.0);
  }

  @Test
  void decimalsBeyondSixtyFourBits() {
    // the kernel reads 64 bits and falls back to the interpreter for the batch
    List<Object[]> rows = rows(row(null, null, null, null, null, null, null, null,
        bd("123456789012345678901234.50")), row(null, null, null, null, null, null, null, null, bd("2.00")));
    checkInterpreted(call(PLUS, dec(38, 2), BIG, litInt(1)), rows, bd("123456789012345678901235.50"), bd("3.00"));
    checkInterpreted(call(MULTIPLY, dec(38, 2), litDec("100000000000.00"), litDec("100000000000.00")),
        rows(row()), bd("10000000000000000000000.00"));
    // without large values the same kernel computes in 64 bits
    check(call(PLUS, dec(38, 2), BIG, litInt(1)), rows.subList(1, 2), bd("3.00"));
    fails(call(PLUS, dec(4, 2), PRICE, litInt(1)), rows(row(null, null, null, bd("99.99"))),
        "value 100.99 does not fit decimal(4,2) in expression $3 + 1");
  }

  @Test
  void comparisons() {
    List<Object[]> rows = rows(row(1L, 2), row(2L, 2), row(3L, 2), row(null, 2));
    check(call(EQUALS, BOOL, I64, I32), rows, false, true, false, null);
    check(call(NOT_EQUALS, BOOL, I64, I32), rows, true, false, true, null);
    check(call(LESS_THAN, BOOL, I64, I32), rows, true, false, false, null);
    check(call(LESS_THAN_OR_EQUAL, BOOL, I64, I32), rows, true, true, false, null);
    check(call(GREATER_THAN, BOOL, I64, I32), rows, false, false, true, null);
    check(call(GREATER_THAN_OR_EQUAL, BOOL, I64, I32), rows, false, true, true, null);
    // decimals of different scales, integers and doubles against decimals
    check(call(EQUALS, BOOL, litDec("1.5"), litDec("1.50")), true);
    check(call(LESS_THAN, BOOL, PRICE, litInt(24)), rows(row(null, null, null, bd("23.99")),
        row(null, null, null, bd("24.00"))), true, false);
    check(call(GREATER_THAN, BOOL, PRICE, lit(0.5)), rows(row(null, null, null, bd("0.51"))), true);
    check(call(EQUALS, BOOL, lit(0.0), lit(-0.0)), true);
    // strings by UTF-8 bytes: 'é' (U+00E9) sorts after 'z', a prefix before the longer string
    List<Object[]> strings = rows(row(null, null, null, null, null, "abc"), row(null, null, null, null, null,
        "ab"), row(null, null, null, null, null, "é"), row(null, null, null, null, null, ""),
        row(null, null, null, null, null, "\uD83D\uDE00"));
    check(call(LESS_THAN, BOOL, S, lit("abc")), strings, false, true, false, true, false);
    check(call(GREATER_THAN, BOOL, S, lit("z")), strings, false, false, true, false, true);
    check(call(GREATER_THAN, BOOL, S, lit("\uFFFD")), strings, false, false, false, false, true);
    check(call(EQUALS, BOOL, S, lit("ab")), strings, false, true, false, false, false);
    check(call(LESS_THAN, BOOL, DAY, litDate("1998-12-01")), rows(row(null, null, null, null, null, null,
        date("1998-11-30")), row(null, null, null, null, null, null, date("1998-12-01"))), true, false);
    check(call(LESS_THAN, BOOL, lit(false), FLAG), rows(row(null, null, null, null, null, null, null, true),
        row(null, null, null, null, null, null, null, false)), true, false);
  }

  @Test
  void threeValuedLogic() {
    // every pair of TRUE, FALSE and NULL: $7 is the first operand, $0 = 1 the second
    Object[] values = {true, false, null};
    List<Object[]> pairs = new ArrayList<>();
    List<Object> and = new ArrayList<>();
    List<Object> or = new ArrayList<>();
    for (Object a : values) {
      for (Object b : values) {
        pairs.add(row(b == null ? null : (Boolean) b ? 1L : 0L, null, null, null, null, null, null, a));
        and.add(Boolean.FALSE.equals(a) || Boolean.FALSE.equals(b) ? Boolean.FALSE
            : a == null || b == null ? null : Boolean.TRUE);
        or.add(Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b) ? Boolean.TRUE
            : a == null || b == null ? null : Boolean.FALSE);
      }
    }
    Expr second = call(EQUALS, BOOL, I64, lit(1));
    check(call(AND, BOOL, FLAG, second), pairs, and.toArray());
    check(call(OR, BOOL, FLAG, second), pairs, or.toArray());
    List<Object[]> single = rows(row(null, null, null, null, null, null, null, true),
        row(null, null, null, null, null, null, null, false), row());
    check(call(NOT, BOOL, FLAG), single, false, true, null);
    check(call(IS_TRUE, BOOL, FLAG), single, true, false, false);
    check(call(IS_FALSE, BOOL, FLAG), single, false, true, false);
    check(call(IS_NOT_TRUE, BOOL, FLAG), single, false, true, true);
    check(call(IS_NOT_FALSE, BOOL, FLAG), single, true, false, true);
    check(call(IS_NULL, BOOL, FLAG), single, false, false, true);
    check(call(IS_NOT_NULL, BOOL, FLAG), single, true, true, false);
    check(call(AND, BOOL, lit(true), FLAG, nul(BOOL)), single, null, false, null);
    check(call(OR, BOOL, lit(false), FLAG, nul(BOOL)), single, true, null, null);
    // IS NULL of a column of a type expressions do not compute with
    check(call(IS_NULL, BOOL, col(9)), single, true, true, true);
  }

  @Test
  void andOrStopAtTheDecidingOperand() {
    // $1 <> 0 AND $0 / $1 > 1: the division is not evaluated when $1 is 0
    Expr guarded = call(AND, BOOL, call(NOT_EQUALS, BOOL, I32, litInt(0)),
        call(GREATER_THAN, BOOL, call(DIVIDE, BIGINT, I64, I32), lit(1)));
    check(guarded, rows(row(10L, 0), row(10L, 2), row(1L, 2)), false, true, false);
    Expr orGuarded = call(OR, BOOL, call(EQUALS, BOOL, I32, litInt(0)),
        call(GREATER_THAN, BOOL, call(DIVIDE, BIGINT, I64, I32), lit(1)));
    check(orGuarded, rows(row(10L, 0), row(10L, 2), row(1L, 2)), true, true, false);
  }

  @Test
  void caseAndCoalesce() {
    List<Object[]> rows = rows(row(5L, 0), row(-5L, 2), row(null, 1), row(0L, null));
    Expr sign = new Expr.Case(List.of(call(GREATER_THAN, BOOL, I64, lit(0)), call(LESS_THAN, BOOL, I64, lit(0))),
        List.of(lit("pos"), lit("neg")), lit("zero or null"), STRING);
    check(sign, rows, "pos", "neg", "zero or null", "zero or null");
    Expr noElse = new Expr.Case(List.of(call(GREATER_THAN, BOOL, I64, lit(0))), List.of(I32), nul(BIGINT), BIGINT);
    check(noElse, rows, 0L, null, null, null);
    // CASE guards a division by zero; branches of other types widen to the CASE's type
    Expr safe = new Expr.Case(List.of(call(EQUALS, BOOL, I32, litInt(0))), List.of(litInt(0)),
        call(DIVIDE, dec(20, 2), PRICE, I32), dec(20, 2));
    check(safe, rows(row(null, 0, null, bd("1.00")), row(null, 4, null, bd("1.00"))), bd("0.00"), bd("0.25"));
    check(call(COALESCE, BIGINT, I64, I32, lit(-1)), rows, 5L, -5L, 1L, 0L);
    check(call(COALESCE, BIGINT, I64, I32), rows(row()), (Object) null);
    check(call(COALESCE, dec(16, 2), PRICE, I32), rows(row(null, 3), row(null, null, null, bd("1.50"))),
        bd("3.00"), bd("1.50"));
    // only the first non-NULL argument is evaluated
    check(call(COALESCE, BIGINT, I64, call(DIVIDE, BIGINT, lit(1), litInt(0))), rows(row(4L)), 4L);
  }

  @Test
  void inAndBetween() {
    List<Object[]> rows = rows(row(1L), row(4L), row());
    check(call(IN, BOOL, I64, lit(1), lit(2), lit(3)), rows, true, false, null);
    check(call(IN, BOOL, I64, lit(1), nul(BIGINT)), rows, true, null, null);
    check(call(IN, BOOL, S, lit("a"), lit("MAIL"), lit("SHIP")), rows(row(null, null, null, null, null, "MAIL"),
        row(null, null, null, null, null, "MAI")), true, false);
    check(call(IN, BOOL, PRICE, litInt(1), litDec("2.50")), rows(row(null, null, null, bd("2.50")),
        row(null, null, null, bd("1.00"))), true, true);
    check(call(BETWEEN, BOOL, I64, lit(1), lit(3)), rows(row(0L), row(1L), row(3L), row(4L), row()), false,
        true, true, false, null);
    check(call(BETWEEN, BOOL, I64, nul(BIGINT), lit(3)), rows(row(0L), row(4L)), null, false);
    check(call(BETWEEN, BOOL, S, lit("b"), lit("c")), rows(row(null, null, null, null, null, "bz"),
        row(null, null, null, null, null, "c"), row(null, null, null, null, null, "ca")), true, true, false);
  }

  private static List<Object[]> strings(String... values) {
    List<Object[]> rows = new ArrayList<>();
    for (String v : values) {
      rows.add(row(null, null, null, null, null, v));
    }
    return rows;
  }

  @Test
  void like() {
    List<Object[]> rows = strings("PROMO BRUSHED", "STANDARD BRASS", "", "é-x", null, "%_%");
    check(call(LIKE, BOOL, S, lit("PROMO%")), rows, true, false, false, false, null, false);
    check(call(LIKE, BOOL, S, lit("%BRASS")), rows, false, true, false, false, null, false);
    check(call(LIKE, BOOL, S, lit("%AN%BR%")), rows, false, true, false, false, null, false);
    check(call(LIKE, BOOL, S, lit("%")), rows, true, true, true, true, null, true);
    check(call(LIKE, BOOL, S, lit("")), rows, false, false, true, false, null, false);
    check(call(LIKE, BOOL, S, lit("_-_")), rows, false, false, false, true, null, false);
    check(call(LIKE, BOOL, S, lit("%_")), rows, true, true, false, true, null, true);
    check(call(LIKE, BOOL, S, lit("___")), rows, false, false, false, true, null, true);
    check(call(NOT_LIKE, BOOL, S, lit("%BRASS")), rows, true, false, true, true, null, true);
    check(call(LIKE, BOOL, S, lit("!%!_!%"), lit("!")), rows, false, false, false, false, null, true);
    check(call(LIKE, BOOL, S, lit("%!%%"), lit("!")), rows, false, false, false, false, null, true);
    check(call(LIKE, BOOL, S, lit("p%")), rows, false, false, false, false, null, false);
    check(call(LIKE, BOOL, S, lit("%a%a")), strings("a", "aa", "aba", "baab"), false, true, true, false);
    check(call(LIKE, BOOL, S, lit("a%b%c")), strings("abc", "aXbYc", "acb", "abcbc", "abcb"), true, true, false,
        true, false);
    // a pattern from a column, and a NULL escape
    check(call(LIKE, BOOL, lit("forest green"), S), strings("%green", "forest", null), true, false, null);
    check(call(LIKE, BOOL, S, lit("a"), nul(STRING)), strings("a"), (Object) null);
    fails(call(LIKE, BOOL, S, lit("a!b"), lit("!")), strings("ab"),
        "LIKE pattern 'a!b' with escape '!': the escape must be followed by %, _ or itself in expression "
            + "$5 LIKE 'a!b' ESCAPE '!'");
    fails(call(LIKE, BOOL, S, lit("a"), lit("!!")), strings("ab"),
        "LIKE pattern 'a' with escape '!!': the escape must be one character in expression $5 LIKE 'a' ESCAPE '!!'");
  }

  @Test
  void substring() {
    List<Object[]> rows = strings("hello", "héllo", "", null);
    check(call(SUBSTRING, STRING, S, litInt(2)), rows, "ello", "éllo", "", null);
    check(call(SUBSTRING, STRING, S, litInt(1), litInt(3)), rows, "hel", "hél", "", null);
    check(call(SUBSTRING, STRING, S, litInt(0), litInt(3)), rows, "he", "hé", "", null);
    check(call(SUBSTRING, STRING, S, litInt(-1), litInt(3)), rows, "h", "h", "", null);
    check(call(SUBSTRING, STRING, S, litInt(-5), litInt(3)), rows, "", "", "", null);
    check(call(SUBSTRING, STRING, S, litInt(2), litInt(2)), rows, "el", "él", "", null);
    check(call(SUBSTRING, STRING, S, litInt(5), litInt(10)), rows, "o", "o", "", null);
    check(call(SUBSTRING, STRING, S, litInt(6)), rows, "", "", "", null);
    check(call(SUBSTRING, STRING, S, litInt(-3)), rows, "hello", "héllo", "", null);
    check(call(SUBSTRING, STRING, S, litInt(2), litInt(0)), rows, "", "", "", null);
    check(call(SUBSTRING, STRING, S, lit(Long.MAX_VALUE), lit(Long.MAX_VALUE)), rows, "", "", "", null);
    check(call(SUBSTRING, STRING, S, lit(2), lit(Long.MAX_VALUE)), rows, "ello", "éllo", "", null);
    check(call(SUBSTRING, STRING, S, nul(INT)), rows, null, null, null, null);
    fails(call(SUBSTRING, STRING, S, litInt(1), litInt(-1)), rows,
        "negative substring length -1 in expression SUBSTRING($5, 1, -1)");
  }

  @Test
  void stringFunctions() {
    List<Object[]> rows = strings("  Mixed Case  ", "straße", "", null);
    check(call(UPPER, STRING, S), rows, "  MIXED CASE  ", "STRASSE", "", null);
    check(call(LOWER, STRING, S), rows, "  mixed case  ", "straße", "", null);
    check(call(TRIM, STRING, S), rows, "Mixed Case", "straße", "", null);
    check(call(LTRIM, STRING, S), rows, "Mixed Case  ", "straße", "", null);
    check(call(RTRIM, STRING, S), rows, "  Mixed Case", "straße", "", null);
    check(call(CHAR_LENGTH, INT, S), rows, 14L, 6L, 0L, null);
    check(call(CONCAT, STRING, S, lit("|"), S), rows, "  Mixed Case  |  Mixed Case  ", "straße|straße", "|", null);
    check(call(CHAR_LENGTH, BIGINT, call(CONCAT, STRING, call(UPPER, STRING, S), call(TRIM, STRING, S))), rows,
        24L, 13L, 0L, null);
    check(call(UPPER, STRING, call(SUBSTRING, STRING, S, litInt(3), litInt(5))), rows, "MIXED", "RASSE", "", null);
  }

  @Test
  void failRaisesItsMessageOnlyWhenEvaluated() {
    List<Object[]> rows = rows(row(1L), row(2L), row((Long) null));
    Expr several = call(GREATER_THAN, BOOL, I64, lit(1L));
    Expr fail = call(FAIL, BIGINT, lit("more than one row"));
    Expr guarded = new Expr.Case(List.of(several), List.of(fail), I64, BIGINT);
    check(guarded, rows(row(1L), row((Long) null)), 1L, null);
    GleamException e = fails(guarded, rows, "more than one row");
    assertEquals(ErrorCode.MALFORMED_INPUT, e.code());
  }

  @Test
  void positionAndReplaceCountCharacters() {
    List<Object[]> rows = strings("aébé", "日本語 日本", "", null, "aaa");
    check(call(POSITION, INT, lit("b"), S), rows, 3L, 0L, 0L, null, 0L);
    check(call(POSITION, INT, lit("本"), S), rows, 0L, 2L, 0L, null, 0L);
    check(call(POSITION, INT, lit(""), S), rows, 1L, 1L, 1L, null, 1L);
    check(call(POSITION, BIGINT, lit("aa"), S), rows, 0L, 0L, 0L, null, 1L);
    check(call(POSITION, INT, S, lit("xaébéx")), rows, 2L, 0L, 1L, null, 0L);
    check(call(POSITION, INT, nul(STRING), S), rows, null, null, null, null, null);
    check(call(REPLACE, STRING, S, lit("é"), lit("e")), rows, "aebe", "日本語 日本", "", null, "aaa");
    check(call(REPLACE, STRING, S, lit("日本"), lit("")), rows, "aébé", "語 ", "", null, "aaa");
    check(call(REPLACE, STRING, S, lit("aa"), lit("b")), rows, "aébé", "日本語 日本", "", null, "ba");
    check(call(REPLACE, STRING, S, lit(""), lit("x")), rows, "aébé", "日本語 日本", "", null, "aaa");
    check(call(REPLACE, STRING, S, lit("a"), nul(STRING)), rows, null, null, null, null, null);
    check(call(CHAR_LENGTH, INT, call(REPLACE, STRING, S, lit("a"), lit("ää"))), rows, 5L, 6L, 0L, null, 6L);
  }

  @Test
  void datesAndIntervals() {
    List<Object[]> rows = new ArrayList<>();
    for (String d : List.of("1998-12-01", "1969-12-31", "2000-02-29", "1600-03-01", "1998-01-31")) {
      rows.add(row(null, null, null, null, null, null, date(d)));
    }
    rows.add(row());
    check(call(EXTRACT_YEAR, BIGINT, DAY), rows, 1998L, 1969L, 2000L, 1600L, 1998L, null);
    check(call(EXTRACT_MONTH, BIGINT, DAY), rows, 12L, 12L, 2L, 3L, 1L, null);
    check(call(EXTRACT_DAY, INT, DAY), rows, 1L, 31L, 29L, 1L, 31L, null);
    check(call(DATE_ADD_DAYS, DATE, DAY, litInt(-90)), rows, date("1998-09-02"), date("1969-10-02"),
        date("1999-12-01"), date("1599-12-02"), date("1997-11-02"), null);
    check(call(DATE_ADD_MONTHS, DATE, DAY, litInt(1)), rows, date("1999-01-01"), date("1970-01-31"),
        date("2000-03-29"), date("1600-04-01"), date("1998-02-28"), null);
    check(call(DATE_ADD_MONTHS, DATE, DAY, litInt(12)), rows, date("1999-12-01"), date("1970-12-31"),
        date("2001-02-28"), date("1601-03-01"), date("1999-01-31"), null);
    check(call(DATE_ADD_MONTHS, DATE, DAY, litInt(-3)), rows, date("1998-09-01"), date("1969-09-30"),
        date("1999-11-29"), date("1599-12-01"), date("1997-10-31"), null);
    check(call(DATE_ADD_MONTHS, DATE, litDate("2000-01-31"), I64), rows(row(1L), row(13L), row(-11L), row()),
        date("2000-02-29"), date("2001-02-28"), date("1999-02-28"), null);
    check(call(LESS_THAN_OR_EQUAL, BOOL, DAY, call(DATE_ADD_DAYS, DATE, litDate("1998-12-01"), litInt(-90))),
        rows.subList(0, 2), false, true);
    fails(call(DATE_ADD_DAYS, DATE, DAY, lit(Long.MAX_VALUE)), rows.subList(0, 1),
        "date out of range in expression DATE_ADD_DAYS($6, 9223372036854775807)");
  }

  @Test
  void absAndRound() {
    check(call(ROUND, dec(15, 2), litDec("2.345"), litInt(2)), bd("2.35"));
    check(call(ROUND, dec(15, 3), litDec("2.345"), litInt(2)), bd("2.350"));
    check(call(ROUND, dec(15, 3), litDec("-2.345"), litInt(2)), bd("-2.350"));
    check(call(ROUND, dec(15, 1), litDec("-2.5")), bd("-3.0"));
    check(call(ROUND, dec(15, 2), litDec("125.50"), litInt(-1)), bd("130.00"));
    check(call(ROUND, dec(15, 2), litDec("1.25"), litInt(5)), bd("1.25"));
    check(call(ROUND, BIGINT, lit(1250L), litInt(-2)), 1300L);
    check(call(ROUND, BIGINT, lit(-1250L), litInt(-2)), -1300L);
    check(call(ROUND, BIGINT, lit(17L)), 17L);
    check(call(ROUND, DOUBLE, lit(2.5)), 3.0);
    check(call(ROUND, DOUBLE, lit(-2.675), litInt(2)), -2.68);
    check(call(ROUND, DOUBLE, lit(1234.5), litInt(-2)), 1200.0);
    check(call(ROUND, DOUBLE, litDec("0.125"), litInt(2)), 0.13);
    check(call(ABS, INT, I32), rows(row(null, -4), row(null, 4)), 4L, 4L);
  }

  @Test
  void casts() {
    List<Object[]> rows = strings(" 42 ", "-7", null);
    check(new Expr.Cast(S, BIGINT), rows, 42L, -7L, null);
    check(new Expr.Cast(S, INT), rows, 42L, -7L, null);
    check(new Expr.Cast(S, DOUBLE), strings("1.5", " -2e3", "NaN"), 1.5, -2000.0, Double.NaN);
    check(new Expr.Cast(S, dec(10, 2)), strings("1.005", "-3", " 12.3 "), bd("1.01"), bd("-3.00"), bd("12.30"));
    check(new Expr.Cast(S, DATE), strings("1998-12-01", " 2000-02-29"), date("1998-12-01"), date("2000-02-29"));
    check(new Expr.Cast(S, BOOL), strings("true", "FALSE", " True "), true, false, true);
    fails(new Expr.Cast(S, BIGINT), strings("1", "abc"), "cannot cast 'abc' to bigint in expression CAST($5 AS bigint)");
    fails(new Expr.Cast(S, INT), strings("3000000000"),
        "cannot cast '3000000000' to int in expression CAST($5 AS int)");
    fails(new Expr.Cast(S, DATE), strings("1998-13-01"),
        "cannot cast '1998-13-01' to date in expression CAST($5 AS date)");
    fails(new Expr.Cast(S, dec(3, 1)), strings("123.4"),
        "cannot cast '123.4' to decimal(3,1) in expression CAST($5 AS decimal(3,1))");
    fails(new Expr.Cast(S, BOOL), strings("yes"), "cannot cast 'yes' to boolean in expression CAST($5 AS boolean)");
    // numbers: decimals and doubles truncate to integers; decimals round half up
    check(new Expr.Cast(litDec("-2.99"), BIGINT), -2L);
    check(new Expr.Cast(lit(2.99), INT), 2L);
    check(new Expr.Cast(lit(-2.99), BIGINT), -2L);
    check(new Expr.Cast(lit(2.345), dec(10, 2)), bd("2.35"));
    check(new Expr.Cast(lit(0.1), dec(10, 2)), bd("0.10"));
    check(new Expr.Cast(litDec("2.345"), dec(10, 2)), bd("2.35"));
    check(new Expr.Cast(litDec("2.5"), dec(10, 3)), bd("2.500"));
    check(new Expr.Cast(lit(12L), dec(10, 2)), bd("12.00"));
    check(new Expr.Cast(litDec("0.125"), DOUBLE), 0.125);
    check(new Expr.Cast(lit(3L), DOUBLE), 3.0);
    check(new Expr.Cast(I64, INT), rows(row(5L)), 5L);
    fails(new Expr.Cast(I64, INT), rows(row(1L << 40)),
        "cannot cast '1099511627776' to int in expression CAST($0 AS int)");
    fails(new Expr.Cast(lit(Double.NaN), BIGINT), rows(row()),
        "cannot cast 'NaN' to bigint in expression CAST(NaN AS bigint)");
    fails(new Expr.Cast(litDec("123.45"), dec(4, 2)), rows(row()),
        "cannot cast '123.45' to decimal(4,2) in expression CAST(123.45 AS decimal(4,2))");
    // to strings
    check(new Expr.Cast(lit(-12L), STRING), "-12");
    check(new Expr.Cast(lit(1.5), STRING), "1.5");
    check(new Expr.Cast(litDec("0.04"), STRING), "0.04");
    check(new Expr.Cast(litDate("1998-12-01"), STRING), "1998-12-01");
    check(new Expr.Cast(FLAG, STRING), rows(row(null, null, null, null, null, null, null, true),
        row(null, null, null, null, null, null, null, false)), "TRUE", "FALSE");
    check(new Expr.Cast(nul(BIGINT), STRING), (Object) null);
  }

  @Test
  void literals() {
    check(lit(5L), 5L);
    check(nul(STRING), (Object) null);
    check(lit(Long.MIN_VALUE), Long.MIN_VALUE);
    check(call(NEGATE, DOUBLE, lit(Double.NEGATIVE_INFINITY)), Double.POSITIVE_INFINITY);
    check(litDec("-0.04"), bd("-0.04"));
    checkInterpreted(new Expr.Literal("12345678901234567890123456.78", dec(38, 2)), rows(row()),
        bd("12345678901234567890123456.78"));
    check(litDate("1970-01-01"), date("1970-01-01"));
    check(lit("it's"), "it's");
  }

  /** Every operator appears in some test above; this keeps the list honest when operators are added. */
  @Test
  void everyOperatorIsTested() {
    List<Operator> tested = Arrays.asList(ABS, AND, BETWEEN, CHAR_LENGTH, COALESCE, CONCAT, DATE_ADD_DAYS,
        DATE_ADD_MONTHS, DIVIDE, EQUALS, EXTRACT_DAY, EXTRACT_MONTH, EXTRACT_YEAR, FAIL, GREATER_THAN, GREATER_THAN_OR_EQUAL,
        IN, IS_FALSE, IS_NOT_FALSE, IS_NOT_NULL, IS_NOT_TRUE, IS_NULL, IS_TRUE, LESS_THAN, LESS_THAN_OR_EQUAL, LIKE,
        LOWER, LTRIM, MINUS, MOD, MULTIPLY, NEGATE, NOT, NOT_EQUALS, NOT_LIKE, OR, PLUS, POSITION, REPLACE, ROUND,
        RTRIM, SUBSTRING, TRIM, UPPER);
    assertEquals(List.of(Operator.values()).size(), tested.size());
    for (Operator op : Operator.values()) {
      assertEquals(true, tested.contains(op), op.name());
    }
  }
}
