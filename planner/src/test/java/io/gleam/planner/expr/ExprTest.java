package io.gleam.planner.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.Test;

/** The expression IR: canonical literal values, argument checks, rendering and JSON round trips. */
class ExprTest {
  private static final ArrowType DEC15_2 = ExprTypes.decimal(15, 2);
  private static final ArrowType BOOL = ExprTypes.BOOLEAN;

  private static Expr.ColumnRef col(int i, ArrowType type) {
    return new Expr.ColumnRef(i, type);
  }

  private static Expr.Call call(Operator op, ArrowType type, Expr... args) {
    return Expr.Call.of(op, type, args);
  }

  /** One expression of every node kind and every operator. */
  static List<Expr> everyKind() {
    Expr s = col(1, ExprTypes.STRING);
    Expr l = col(0, ExprTypes.BIGINT);
    Expr d = col(2, ExprTypes.DATE);
    Expr p = col(3, DEC15_2);
    Expr b = col(4, BOOL);
    Expr x = col(5, ExprTypes.DOUBLE);
    List<Expr> all = new ArrayList<>();
    all.add(new Expr.Literal(null, ExprTypes.BIGINT));
    all.add(Expr.Literal.ofLong(-5));
    all.add(Expr.Literal.ofLong(Long.MIN_VALUE));
    all.add(Expr.Literal.ofInt(7));
    all.add(Expr.Literal.ofDouble(2.5));
    all.add(Expr.Literal.ofDouble(Double.NaN));
    all.add(Expr.Literal.ofBoolean(true));
    all.add(Expr.Literal.ofString("it's"));
    all.add(Expr.Literal.ofDecimal(new BigDecimal("-0.04")));
    all.add(new Expr.Literal("123456789012345678901234567.5", ExprTypes.decimal(38, 1)));
    all.add(Expr.Literal.ofDate(LocalDate.of(1998, 12, 1)));
    all.add(new Expr.Cast(l, DEC15_2));
    all.add(new Expr.Case(List.of(call(Operator.IS_NULL, BOOL, s)), List.of(Expr.Literal.ofString("none")),
        Expr.Literal.nullOf(ExprTypes.STRING), ExprTypes.STRING));
    all.add(col(6, new ArrowType.Timestamp(TimeUnit.MICROSECOND, null)));
    for (Operator op : Operator.values()) {
      all.add(switch (op) {
        case PLUS, MINUS, MULTIPLY, DIVIDE, MOD -> call(op, ExprTypes.decimal(19, 2), p, l);
        case NEGATE, ABS -> call(op, DEC15_2, p);
        case ROUND -> call(op, DEC15_2, p, Expr.Literal.ofInt(1));
        case EQUALS, NOT_EQUALS, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL ->
            call(op, BOOL, s, Expr.Literal.ofString("x"));
        case AND, OR -> call(op, BOOL, b, b, b);
        case NOT, IS_TRUE, IS_FALSE, IS_NOT_TRUE, IS_NOT_FALSE -> call(op, BOOL, b);
        case IS_NULL, IS_NOT_NULL -> call(op, BOOL, x);
        case COALESCE -> call(op, ExprTypes.BIGINT, l, Expr.Literal.ofLong(0));
        case LIKE, NOT_LIKE -> call(op, BOOL, s, Expr.Literal.ofString("a!%%"), Expr.Literal.ofString("!"));
        case IN -> call(op, BOOL, l, Expr.Literal.ofLong(1), Expr.Literal.ofLong(2));
        case BETWEEN -> call(op, BOOL, d, Expr.Literal.ofDate(LocalDate.of(1994, 1, 1)), d);
        case SUBSTRING -> call(op, ExprTypes.STRING, s, Expr.Literal.ofInt(2), Expr.Literal.ofInt(3));
        case UPPER, LOWER, TRIM, LTRIM, RTRIM -> call(op, ExprTypes.STRING, s);
        case CHAR_LENGTH -> call(op, ExprTypes.INT, s);
        case CONCAT -> call(op, ExprTypes.STRING, s, s);
        case POSITION -> call(op, ExprTypes.INT, Expr.Literal.ofString("é"), s);
        case REPLACE -> call(op, ExprTypes.STRING, s, Expr.Literal.ofString("a"), Expr.Literal.ofString("b"));
        case FAIL -> call(op, ExprTypes.BIGINT, Expr.Literal.ofString("more than one row"));
        case EXTRACT_YEAR, EXTRACT_MONTH, EXTRACT_DAY -> call(op, ExprTypes.BIGINT, d);
        case DATE_ADD_DAYS, DATE_ADD_MONTHS -> call(op, ExprTypes.DATE, d, Expr.Literal.ofInt(3));
      });
    }
    return all;
  }

  @Test
  void jsonRoundTripOfEveryKind() {
    Set<Operator> seen = EnumSet.noneOf(Operator.class);
    Set<Class<?>> kinds = new java.util.HashSet<>();
    for (Expr e : everyKind()) {
      String json = ExprCodec.toJson(e);
      Expr back = ExprCodec.fromJson(json);
      assertEquals(e, back, json);
      assertEquals(json, ExprCodec.toJson(back));
      assertEquals(e.render(), back.render());
      kinds.add(e.getClass());
      if (e instanceof Expr.Call c) {
        seen.add(c.op());
      }
    }
    assertEquals(EnumSet.allOf(Operator.class), seen);
    assertEquals(5, kinds.size());
    List<Expr> list = everyKind();
    assertEquals(list, ExprCodec.listFromJson(ExprCodec.toJson(list)));
  }

  @Test
  void jsonShape() {
    Expr e = call(Operator.MULTIPLY, ExprTypes.decimal(31, 4), col(5, DEC15_2), call(Operator.MINUS,
        ExprTypes.decimal(16, 2), Expr.Literal.ofInt(1), col(6, DEC15_2)));
    String json = ExprCodec.toJson(e);
    assertTrue(json.startsWith("{\"expr\":\"Call\",\"op\":\"MULTIPLY\",\"args\":[{\"expr\":\"ColumnRef\",\"index\":5,"),
        json);
    assertTrue(json.contains("{\"expr\":\"Literal\",\"value\":1,\"type\":{\"name\":\"int\",\"bitWidth\":32,"
        + "\"isSigned\":true}}"), json);
    String decimal = ExprCodec.toJson(Expr.Literal.ofDecimal(new BigDecimal("0.04")));
    assertTrue(decimal.contains("\"value\":\"0.04\""), decimal);
  }

  @Test
  void literalsAreCanonical() {
    assertEquals(5L, new Expr.Literal(5, ExprTypes.INT).value());
    assertEquals(3.0, new Expr.Literal(3, ExprTypes.DOUBLE).value());
    assertEquals(Double.NaN, new Expr.Literal("NaN", ExprTypes.DOUBLE).value());
    assertEquals("1.50", new Expr.Literal(new BigDecimal("1.5"), DEC15_2).value());
    assertEquals("2.00", new Expr.Literal(2L, DEC15_2).value());
    assertEquals(new BigDecimal("1.50"), new Expr.Literal("1.5", DEC15_2).decimalValue());
    assertEquals(10561L, new Expr.Literal(LocalDate.of(1998, 12, 1), ExprTypes.DATE).value());
    assertEquals(new Expr.Literal(7L, ExprTypes.BIGINT), new Expr.Literal(7, ExprTypes.BIGINT));
    GleamException e = assertThrows(GleamException.class, () -> new Expr.Literal("1.234", DEC15_2));
    assertEquals(ErrorCode.INVALID_FLOW, e.code());
    assertEquals("literal '1.234' (String) is not a value of type decimal(15,2)", e.getMessage());
    assertThrows(GleamException.class, () -> new Expr.Literal(1L << 40, ExprTypes.INT));
    assertThrows(GleamException.class, () -> new Expr.Literal("12", ExprTypes.BIGINT));
    assertThrows(GleamException.class, () -> new Expr.Literal(new BigDecimal("123.45"), ExprTypes.decimal(4, 2)));
    assertThrows(GleamException.class, () -> new Expr.Literal(1L, ExprTypes.STRING));
  }

  @Test
  void callsCheckArity() {
    GleamException e = assertThrows(GleamException.class,
        () -> call(Operator.PLUS, ExprTypes.BIGINT, Expr.Literal.ofLong(1)));
    assertEquals("PLUS takes 2 arguments, got 1: [1]", e.getMessage());
    e = assertThrows(GleamException.class, () -> call(Operator.AND, BOOL, Expr.Literal.ofBoolean(true)));
    assertEquals("AND takes at least 2 arguments, got 1: [TRUE]", e.getMessage());
    e = assertThrows(GleamException.class, () -> call(Operator.SUBSTRING, ExprTypes.STRING));
    assertEquals("SUBSTRING takes 2 to 3 arguments, got 0: []", e.getMessage());
    assertThrows(GleamException.class, () -> new Expr.Case(List.of(), List.of(), Expr.Literal.ofLong(1),
        ExprTypes.BIGINT));
    assertInstanceOf(GleamException.class, assertThrows(GleamException.class, () -> col(-1, BOOL)));
  }

  @Test
  void rendering() {
    Expr price = col(5, DEC15_2);
    Expr discount = col(6, DEC15_2);
    Expr one = Expr.Literal.ofInt(1);
    ArrowType d = ExprTypes.decimal(19, 4);
    assertEquals("$5 * (1 - $6)", call(Operator.MULTIPLY, d, price,
        call(Operator.MINUS, d, one, discount)).render());
    assertEquals("$5 * (1 - $6) * (1 + $7)", call(Operator.MULTIPLY, d, call(Operator.MULTIPLY, d, price,
        call(Operator.MINUS, d, one, discount)), call(Operator.PLUS, d, one, col(7, DEC15_2))).render());
    assertEquals("$5 - $6 - $7", call(Operator.MINUS, d, call(Operator.MINUS, d, price, discount),
        col(7, d)).render());
    assertEquals("$5 - ($6 - $7)", call(Operator.MINUS, d, price, call(Operator.MINUS, d, discount,
        col(7, d))).render());
    assertEquals("$5 + $6 * $7", call(Operator.PLUS, d, price, call(Operator.MULTIPLY, d, discount,
        col(7, d))).render());
    assertEquals("-$5", call(Operator.NEGATE, d, price).render());
    assertEquals("-(-1)", call(Operator.NEGATE, d, Expr.Literal.ofLong(-1)).render());
    assertEquals("-($5 + $6)", call(Operator.NEGATE, d, call(Operator.PLUS, d, price, discount)).render());
    Expr b = col(1, BOOL);
    Expr isNull = call(Operator.IS_NULL, BOOL, price);
    assertEquals("($1 OR $5 IS NULL) AND NOT $1", call(Operator.AND, BOOL, call(Operator.OR, BOOL, b, isNull),
        call(Operator.NOT, BOOL, b)).render());
    assertEquals("NOT ($5 IS NULL)", call(Operator.NOT, BOOL, isNull).render());
    assertEquals("($1 = $1) = $1", call(Operator.EQUALS, BOOL, call(Operator.EQUALS, BOOL, b, b), b).render());
    Expr s = col(2, ExprTypes.STRING);
    assertEquals("$2 LIKE 'a%' ESCAPE '\\'", call(Operator.LIKE, BOOL, s, Expr.Literal.ofString("a%"),
        Expr.Literal.ofString("\\")).render());
    assertEquals("$2 || 'it''s' || $2", call(Operator.CONCAT, ExprTypes.STRING, s, Expr.Literal.ofString("it's"),
        s).render());
    assertEquals("SUBSTRING($2, 1, 3) NOT LIKE '%x'", call(Operator.NOT_LIKE, BOOL,
        call(Operator.SUBSTRING, ExprTypes.STRING, s, one, Expr.Literal.ofInt(3)),
        Expr.Literal.ofString("%x")).render());
    Expr day = col(3, ExprTypes.DATE);
    assertEquals("EXTRACT(YEAR FROM DATE_ADD_MONTHS($3, -3))", call(Operator.EXTRACT_YEAR, ExprTypes.BIGINT,
        call(Operator.DATE_ADD_MONTHS, ExprTypes.DATE, day, Expr.Literal.ofInt(-3))).render());
    assertEquals("$3 BETWEEN DATE '1994-01-01' AND DATE '1994-12-31'", call(Operator.BETWEEN, BOOL, day,
        Expr.Literal.ofDate(LocalDate.of(1994, 1, 1)), Expr.Literal.ofDate(LocalDate.of(1994, 12, 31))).render());
    assertEquals("$0 IN (1, 2, NULL)", call(Operator.IN, BOOL, col(0, ExprTypes.BIGINT), Expr.Literal.ofLong(1),
        Expr.Literal.ofLong(2), Expr.Literal.nullOf(ExprTypes.BIGINT)).render());
    assertEquals("CASE WHEN $1 THEN 0.04 WHEN $0 > 2.5E0 THEN -1.50 ELSE CAST($0 AS decimal(15,2)) END",
        new Expr.Case(List.of(b, call(Operator.GREATER_THAN, BOOL, col(0, ExprTypes.BIGINT),
            Expr.Literal.ofDouble(2.5))), List.of(new Expr.Literal("0.04", DEC15_2), new Expr.Literal("-1.5",
            DEC15_2)), new Expr.Cast(col(0, ExprTypes.BIGINT), DEC15_2), DEC15_2).render());
    assertEquals("CASE WHEN $1 THEN 'x' END", new Expr.Case(List.of(b), List.of(Expr.Literal.ofString("x")),
        Expr.Literal.nullOf(ExprTypes.STRING), ExprTypes.STRING).render());
    assertEquals("COALESCE($0, 0) + ROUND($5, 1)", call(Operator.PLUS, d, call(Operator.COALESCE,
        ExprTypes.BIGINT, col(0, ExprTypes.BIGINT), Expr.Literal.ofLong(0)), call(Operator.ROUND, DEC15_2, price,
        one)).render());
    assertEquals("$0 IS NOT NULL", call(Operator.IS_NOT_NULL, BOOL, col(0, ExprTypes.BIGINT)).toString());
  }
}
