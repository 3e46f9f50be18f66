package io.gleam.exec.expr;

import io.gleam.planner.Schemas;
import io.gleam.planner.expr.Expr;
import io.gleam.planner.expr.ExprTypes;
import io.gleam.planner.expr.Operator;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Schema;

/** Random well-typed expressions and random rows over {@link #SCHEMA}, for differential tests. */
final class RandomExprs {
  static final Schema SCHEMA = Schemas.parse("a bigint, b int, x double, p decimal(10,2), q decimal(12,4), "
      + "s string, t string, d date, f boolean, w decimal(20,3)");
  private static final ArrowType BIGINT = ExprTypes.BIGINT;
  private static final ArrowType INT = ExprTypes.INT;
  private static final ArrowType DOUBLE = ExprTypes.DOUBLE;
  private static final ArrowType BOOL = ExprTypes.BOOLEAN;
  private static final ArrowType STRING = ExprTypes.STRING;
  private static final ArrowType DATE = ExprTypes.DATE;
  private static final ArrowType[] DECIMALS = {ExprTypes.decimal(10, 2), ExprTypes.decimal(12, 4),
      ExprTypes.decimal(20, 3), ExprTypes.decimal(38, 2), ExprTypes.decimal(38, 6), ExprTypes.decimal(18, 0),
      ExprTypes.decimal(5, 1), ExprTypes.decimal(38, 0)};
  private static final String[] PIECES = {"a", "b", "A", "é", "\uD83D\uDE00", " ", "%", "_", "!", "ab", "BRASS"};
  private static final LocalDate EPOCH = LocalDate.of(1995, 6, 15);

  private final Random random;

  RandomExprs(Random random) {
    this.random = random;
  }

  // ---- rows

  Object[] row() {
    Object[] r = new Object[SCHEMA.getFields().size()];
    r[0] = nullOr(random.nextInt(20) == 0 ? (long) random.nextInt() * 1_000_000L : (long) random.nextInt(2001) - 1000);
    r[1] = nullOr(random.nextInt(201) - 100);
    r[2] = nullOr(random.nextInt(10) == 0 ? 0.0 : (random.nextInt(401) - 200) / 4.0);
    r[3] = nullOr(BigDecimal.valueOf(random.nextInt(200_001) - 100_000, 2));
    r[4] = nullOr(BigDecimal.valueOf(random.nextInt(20_001) - 10_000, 4));
    r[5] = nullOr(text(6));
    r[6] = nullOr(random.nextInt(3) == 0 ? pattern() : text(4));
    r[7] = nullOr(EPOCH.plusDays(random.nextInt(4001) - 2000));
    r[8] = nullOr(random.nextBoolean());
    r[9] = nullOr(random.nextInt(10) == 0 ? new BigDecimal("12345678901234567.891")
        : BigDecimal.valueOf(random.nextInt(2_000_001) - 1_000_000, 3));
    return r;
  }

  private Object nullOr(Object v) {
    return random.nextInt(7) == 0 ? null : v;
  }

  private String text(int maxPieces) {
    StringBuilder sb = new StringBuilder();
    int n = random.nextInt(maxPieces + 1);
    for (int i = 0; i < n; i++) {
      sb.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return sb.toString();
  }

  private String pattern() {
    return pattern(false);
  }

  /** A LIKE pattern; with {@code escaped}, '!' only appears as a valid escape of %, _ or itself. */
  private String pattern(boolean escaped) {
    StringBuilder sb = new StringBuilder();
    int n = random.nextInt(5);
    for (int i = 0; i < n; i++) {
      switch (random.nextInt(5)) {
        case 0 -> sb.append('%');
        case 1 -> sb.append('_');
        case 2 -> sb.append(escaped ? new String[] {"!%", "!_", "!!"}[random.nextInt(3)] : "!");
        default -> {
          String piece = PIECES[random.nextInt(PIECES.length)];
          sb.append(escaped && piece.equals("!") ? "!!" : piece);
        }
      }
    }
    return sb.toString();
  }

  /** The source of a cast to {@code type}: mostly a string that parses (a number or date cast to a string). */
  private Expr castSource(ArrowType type, int depth) {
    ExprChecker.Kind kind = ExprChecker.kind(type);
    if (random.nextInt(4) > 0 || kind == ExprChecker.Kind.STRING) {
      return of(ExprChecker.isNumeric(kind) ? numericType() : type, depth);
    }
    return random.nextInt(3) > 0 ? new Expr.Cast(of(numericType(), depth), STRING) : string(depth);
  }

  // ---- expressions

  Expr of(ArrowType type, int depth) {
    return switch (ExprChecker.kind(type)) {
      case BOOL -> bool(depth);
      case LONG -> integer(type, depth);
      case DOUBLE -> dbl(depth);
      case DECIMAL -> decimal(type, depth);
      case STRING -> string(depth);
      case DATE -> date(depth);
      case OTHER -> throw new IllegalArgumentException(type.toString());
    };
  }

  ArrowType anyType() {
    return switch (random.nextInt(7)) {
      case 0 -> BIGINT;
      case 1 -> INT;
      case 2 -> DOUBLE;
      case 3 -> decimalType();
      case 4 -> STRING;
      case 5 -> DATE;
      default -> BOOL;
    };
  }

  private ArrowType decimalType() {
    return DECIMALS[random.nextInt(DECIMALS.length)];
  }

  private ArrowType numericType() {
    return switch (random.nextInt(4)) {
      case 0 -> BIGINT;
      case 1 -> INT;
      case 2 -> DOUBLE;
      default -> decimalType();
    };
  }

  private static Expr call(Operator op, ArrowType type, List<Expr> args) {
    return new Expr.Call(op, args, type);
  }

  private static Expr call(Operator op, ArrowType type, Expr... args) {
    return Expr.Call.of(op, type, args);
  }

  private Expr column(int index) {
    return new Expr.ColumnRef(index, SCHEMA.getFields().get(index).getType());
  }

  Expr bool(int depth) {
    if (depth <= 0) {
      return random.nextBoolean() ? column(8) : literal(BOOL);
    }
    int d = depth - 1;
    switch (random.nextInt(12)) {
      case 0, 1: {
        ArrowType t = anyType();
        ArrowType u = ExprChecker.isNumeric(ExprChecker.kind(t)) ? numericType() : t;
        Operator op = new Operator[] {Operator.EQUALS, Operator.NOT_EQUALS, Operator.LESS_THAN,
            Operator.LESS_THAN_OR_EQUAL, Operator.GREATER_THAN, Operator.GREATER_THAN_OR_EQUAL}[random.nextInt(6)];
        return call(op, BOOL, of(t, d), of(u, d));
      }
      case 2:
      case 3: {
        List<Expr> args = new ArrayList<>();
        int n = 2 + random.nextInt(2);
        for (int i = 0; i < n; i++) {
          args.add(bool(d));
        }
        return call(random.nextBoolean() ? Operator.AND : Operator.OR, BOOL, args);
      }
      case 4: {
        Operator op = new Operator[] {Operator.NOT, Operator.IS_TRUE, Operator.IS_FALSE, Operator.IS_NOT_TRUE,
            Operator.IS_NOT_FALSE}[random.nextInt(5)];
        return call(op, BOOL, bool(d));
      }
      case 5:
        return call(random.nextBoolean() ? Operator.IS_NULL : Operator.IS_NOT_NULL, BOOL, of(anyType(), d));
      case 6: {
        Operator op = random.nextBoolean() ? Operator.LIKE : Operator.NOT_LIKE;
        if (random.nextInt(4) == 0) {
          return call(op, BOOL, string(d), Expr.Literal.ofString(pattern(true)), Expr.Literal.ofString("!"));
        }
        Expr pattern = random.nextInt(4) == 0 ? column(6) : Expr.Literal.ofString(pattern());
        return call(op, BOOL, string(d), pattern);
      }
      case 7: {
        ArrowType t = random.nextBoolean() ? STRING : numericType();
        List<Expr> args = new ArrayList<>();
        args.add(of(t, d));
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
          ArrowType u = ExprChecker.kind(t) == ExprChecker.Kind.STRING ? STRING : numericType();
          args.add(random.nextInt(6) == 0 ? Expr.Literal.nullOf(u) : literal(u));
        }
        return call(Operator.IN, BOOL, args);
      }
      case 8: {
        ArrowType t = anyType();
        if (ExprChecker.isNumeric(ExprChecker.kind(t))) {
          return call(Operator.BETWEEN, BOOL, of(t, d), of(numericType(), d), of(numericType(), d));
        }
        return call(Operator.BETWEEN, BOOL, of(t, d), of(t, d), of(t, d));
      }
      case 9:
        return caseOf(BOOL, d);
      case 10:
        return call(Operator.COALESCE, BOOL, bool(d), bool(d));
      default:
        return random.nextBoolean() ? column(8) : literal(BOOL);
    }
  }

  Expr integer(ArrowType type, int depth) {
    boolean int32 = ExprChecker.isInt32(type);
    if (depth <= 0) {
      return random.nextBoolean() ? (int32 ? column(1) : random.nextBoolean() ? column(0) : column(1))
          : literal(type);
    }
    int d = depth - 1;
    switch (random.nextInt(11)) {
      case 0, 1, 2: {
        Operator op = new Operator[] {Operator.PLUS, Operator.MINUS, Operator.MULTIPLY, Operator.DIVIDE,
            Operator.MOD}[random.nextInt(5)];
        return call(op, type, integer(argInt(int32), d), integer(argInt(int32), d));
      }
      case 3:
        return call(random.nextBoolean() ? Operator.NEGATE : Operator.ABS, type, integer(argInt(int32), d));
      case 4:
        return call(Operator.ROUND, type, integer(argInt(int32), d), Expr.Literal.ofInt(random.nextInt(5) - 3));
      case 5:
        return random.nextBoolean() ? call(Operator.CHAR_LENGTH, type, string(d))
            : call(Operator.POSITION, type, string(d), string(d));
      case 6: {
        Operator op = new Operator[] {Operator.EXTRACT_YEAR, Operator.EXTRACT_MONTH,
            Operator.EXTRACT_DAY}[random.nextInt(3)];
        return call(op, type, date(d));
      }
      case 7:
        return new Expr.Cast(castSource(type, d), type);
      case 8:
        return caseOf(type, d);
      case 9:
        return call(Operator.COALESCE, type, integer(argInt(int32), d), integer(argInt(int32), d));
      default:
        return literal(type);
    }
  }

  private ArrowType argInt(boolean int32) {
    return int32 || random.nextBoolean() ? INT : BIGINT;
  }

  Expr dbl(int depth) {
    if (depth <= 0) {
      return random.nextBoolean() ? column(2) : literal(DOUBLE);
    }
    int d = depth - 1;
    switch (random.nextInt(9)) {
      case 0, 1, 2: {
        Operator op = new Operator[] {Operator.PLUS, Operator.MINUS, Operator.MULTIPLY, Operator.DIVIDE,
            Operator.MOD}[random.nextInt(5)];
        return call(op, DOUBLE, of(numericType(), d), of(numericType(), d));
      }
      case 3:
        return call(random.nextBoolean() ? Operator.NEGATE : Operator.ABS, DOUBLE, of(numericType(), d));
      case 4:
        return call(Operator.ROUND, DOUBLE, of(numericType(), d), Expr.Literal.ofInt(random.nextInt(6) - 2));
      case 5:
        return new Expr.Cast(castSource(DOUBLE, d), DOUBLE);
      case 6:
        return caseOf(DOUBLE, d);
      case 7:
        return call(Operator.COALESCE, DOUBLE, of(numericType(), d), dbl(d));
      default:
        return column(2);
    }
  }

  Expr decimal(ArrowType type, int depth) {
    if (depth <= 0) {
      return decimalLeaf(type);
    }
    int d = depth - 1;
    switch (random.nextInt(9)) {
      case 0, 1, 2: {
        Operator op = new Operator[] {Operator.PLUS, Operator.MINUS, Operator.MULTIPLY, Operator.DIVIDE,
            Operator.MOD}[random.nextInt(5)];
        return call(op, type, exactNumber(d), exactNumber(d));
      }
      case 3:
        return call(random.nextBoolean() ? Operator.NEGATE : Operator.ABS, type, exactNumber(d));
      case 4:
        return call(Operator.ROUND, type, exactNumber(d), Expr.Literal.ofInt(random.nextInt(6) - 2));
      case 5:
        return new Expr.Cast(castSource(type, d), type);
      case 6:
        return caseOf(type, d);
      case 7:
        return call(Operator.COALESCE, type, exactNumber(d), exactNumber(d));
      default:
        return decimalLeaf(type);
    }
  }

  /** An integer or decimal expression, which widens to any decimal type. */
  private Expr exactNumber(int depth) {
    return switch (random.nextInt(3)) {
      case 0 -> integer(argInt(false), depth);
      default -> decimal(decimalType(), depth);
    };
  }

  private Expr decimalLeaf(ArrowType type) {
    for (int c : new int[] {3, 4, 9}) {
      if (SCHEMA.getFields().get(c).getType().equals(type) && random.nextBoolean()) {
        return column(c);
      }
    }
    if (random.nextBoolean()) {
      return literal(type);
    }
    int c = new int[] {3, 4, 9}[random.nextInt(3)];
    return new Expr.Cast(column(c), type);
  }

  Expr string(int depth) {
    if (depth <= 0) {
      return random.nextInt(3) > 0 ? column(5 + random.nextInt(2)) : literal(STRING);
    }
    int d = depth - 1;
    switch (random.nextInt(10)) {
      case 0, 1: {
        Expr start = random.nextBoolean() ? Expr.Literal.ofInt(random.nextInt(10) - 2)
            : call(Operator.MOD, INT, column(1), Expr.Literal.ofInt(5));
        if (random.nextBoolean()) {
          return call(Operator.SUBSTRING, STRING, string(d), start);
        }
        Expr length = Expr.Literal.ofInt(random.nextInt(20) == 0 ? -1 : random.nextInt(7));
        return call(Operator.SUBSTRING, STRING, string(d), start, length);
      }
      case 2: {
        Operator op = new Operator[] {Operator.UPPER, Operator.LOWER, Operator.TRIM, Operator.LTRIM,
            Operator.RTRIM}[random.nextInt(5)];
        return call(op, STRING, string(d));
      }
      case 3:
        return call(Operator.CONCAT, STRING, string(d), string(d));
      case 4:
        return new Expr.Cast(of(anyType(), d), STRING);
      case 5:
        return caseOf(STRING, d);
      case 6:
        return call(Operator.COALESCE, STRING, string(d), string(d));
      case 7:
        return call(Operator.REPLACE, STRING, string(d), string(d), string(d));
      default:
        return random.nextBoolean() ? column(5) : literal(STRING);
    }
  }

  Expr date(int depth) {
    if (depth <= 0) {
      return random.nextInt(3) > 0 ? column(7) : literal(DATE);
    }
    int d = depth - 1;
    switch (random.nextInt(7)) {
      case 0, 1: {
        Expr n = random.nextBoolean() ? column(1) : Expr.Literal.ofInt(random.nextInt(801) - 400);
        return call(Operator.DATE_ADD_DAYS, DATE, date(d), n);
      }
      case 2, 3: {
        Expr n = random.nextBoolean() ? column(1) : Expr.Literal.ofInt(random.nextInt(61) - 30);
        return call(Operator.DATE_ADD_MONTHS, DATE, date(d), n);
      }
      case 4:
        return caseOf(DATE, d);
      case 5:
        return new Expr.Cast(Expr.Literal.ofString(EPOCH.plusDays(random.nextInt(1000)).toString()), DATE);
      default:
        return call(Operator.COALESCE, DATE, date(d), date(d));
    }
  }

  private Expr caseOf(ArrowType type, int depth) {
    int n = 1 + random.nextInt(2);
    List<Expr> whens = new ArrayList<>();
    List<Expr> thens = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      whens.add(bool(depth));
      thens.add(of(type, depth));
    }
    Expr otherwise = random.nextInt(4) == 0 ? Expr.Literal.nullOf(type) : of(type, depth);
    return new Expr.Case(whens, thens, otherwise, type);
  }

  Expr literal(ArrowType type) {
    if (random.nextInt(12) == 0) {
      return Expr.Literal.nullOf(type);
    }
    return switch (ExprChecker.kind(type)) {
      case BOOL -> Expr.Literal.ofBoolean(random.nextBoolean());
      case LONG -> new Expr.Literal((long) random.nextInt(41) - 20, type);
      case DOUBLE -> Expr.Literal.ofDouble((random.nextInt(81) - 40) / 8.0);
      case DECIMAL -> {
        ArrowType.Decimal t = (ArrowType.Decimal) type;
        int digits = Math.min(t.getPrecision(), 6);
        long bound = KernelRuntime.POW10[digits];
        yield new Expr.Literal(BigDecimal.valueOf(random.nextLong() % bound, t.getScale()), type);
      }
      case STRING -> Expr.Literal.ofString(text(3));
      case DATE -> Expr.Literal.ofDate(EPOCH.plusDays(random.nextInt(2001) - 1000));
      case OTHER -> throw new IllegalArgumentException(type.toString());
    };
  }
}
