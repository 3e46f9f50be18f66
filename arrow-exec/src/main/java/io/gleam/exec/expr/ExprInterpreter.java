package io.gleam.exec.expr;

import io.gleam.exec.expr.ExprChecker.Kind;
import io.gleam.planner.expr.Expr;
import io.gleam.planner.expr.ExprTypes;
import io.gleam.planner.expr.Operator;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Evaluates an expression one row at a time over Java values, with {@link BigDecimal}, {@link BigInteger},
 * {@link String} and {@link LocalDate} arithmetic. It is the reference the compiled kernels are tested against,
 * and the path they take for a batch they cannot finish (an overflow of their 64-bit arithmetic, or any error, so
 * that errors are always reported from here). Slow: a few hundred nanoseconds per node and row.
 *
 * <p>Values are those {@code ArrowValues.get} returns: {@link Boolean}, {@link Integer} or {@link Long},
 * {@link Double}, {@link BigDecimal}, {@link String}, {@link LocalDate}. Results use {@link Long} for every integer
 * type and decimals at their type's scale. Expressions must have been checked against the input schema.
 */
public final class ExprInterpreter {
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  private ExprInterpreter() {}

  /** The value of {@code expr} for one input row, or null. */
  public static Object evaluate(Expr expr, Object[] row) {
    if (expr instanceof Expr.ColumnRef ref) {
      Object v = row[ref.index()];
      return v instanceof Integer i ? Long.valueOf(i) : v;
    } else if (expr instanceof Expr.Literal literal) {
      return literal(literal);
    } else if (expr instanceof Expr.Cast cast) {
      return cast(evaluate(cast.input(), row), cast.input().type(), cast);
    } else if (expr instanceof Expr.Case c) {
      for (int i = 0; i < c.whens().size(); i++) {
        if (Boolean.TRUE.equals(evaluate(c.whens().get(i), row))) {
          Expr then = c.thens().get(i);
          return widen(evaluate(then, row), then.type(), c.type());
        }
      }
      return widen(evaluate(c.otherwise(), row), c.otherwise().type(), c.type());
    }
    return call((Expr.Call) expr, row);
  }

  /** Whether a predicate is TRUE (not FALSE, not NULL) for the row. */
  public static boolean test(Expr predicate, Object[] row) {
    return Boolean.TRUE.equals(evaluate(predicate, row));
  }

  /**
   * The value as it is written to an output column of the expression's type; fails when a decimal does not fit
   * the type's precision.
   */
  static Object output(Object value, Expr expr) {
    if (value instanceof BigDecimal d && expr.type() instanceof ArrowType.Decimal t
        && d.precision() > t.getPrecision()) {
      throw ExprErrors.doesNotFit(d.toPlainString(), t, expr);
    }
    return value;
  }

  private static Object literal(Expr.Literal literal) {
    Object v = literal.value();
    if (v == null) {
      return null;
    }
    return switch (ExprChecker.kind(literal.type())) {
      case DECIMAL -> literal.decimalValue();
      case DATE -> LocalDate.ofEpochDay((Long) v);
      default -> v;
    };
  }

  /** Converts a value of type {@code from} to {@code to}, which it widens to (see {@link ExprChecker#widens}). */
  static Object widen(Object v, ArrowType from, ArrowType to) {
    if (v == null) {
      return null;
    }
    Kind t = ExprChecker.kind(to);
    if (t == Kind.DOUBLE) {
      return ((Number) v).doubleValue();
    } else if (t == Kind.DECIMAL) {
      return decimal(v).setScale(ExprChecker.scale(to), RoundingMode.HALF_UP);
    }
    return v;
  }

  private static BigDecimal decimal(Object v) {
    return v instanceof BigDecimal d ? d : BigDecimal.valueOf((Long) v);
  }

  private static Object call(Expr.Call call, Object[] row) {
    List<Expr> args = call.args();
    switch (call.op()) {
      case AND, OR -> {
        Boolean decisive = call.op() == Operator.OR;
        boolean unknown = false;
        for (Expr arg : args) {
          Object v = evaluate(arg, row);
          if (decisive.equals(v)) {
            return decisive;
          }
          unknown |= v == null;
        }
        return unknown ? null : !decisive;
      }
      case COALESCE -> {
        for (Expr arg : args) {
          Object v = evaluate(arg, row);
          if (v != null) {
            return widen(v, arg.type(), call.type());
          }
        }
        return null;
      }
      case IN -> {
        Object x = evaluate(args.get(0), row);
        if (x == null) {
          return null;
        }
        boolean found = false;
        boolean sawNull = false;
        for (int i = 1; i < args.size(); i++) {
          Object v = evaluate(args.get(i), row);
          if (v == null) {
            sawNull = true;
          } else if (compare(Operator.EQUALS, x, args.get(0).type(), v, args.get(i).type())) {
            found = true;
          }
        }
        return found ? Boolean.TRUE : sawNull ? null : Boolean.FALSE;
      }
      default -> {
        Object[] values = new Object[args.size()];
        for (int i = 0; i < values.length; i++) {
          values[i] = evaluate(args.get(i), row);
        }
        return apply(call, values);
      }
    }
  }

  private static Object apply(Expr.Call call, Object[] v) {
    List<Expr> args = call.args();
    Operator op = call.op();
    switch (op) {
      case IS_NULL:
        return v[0] == null;
      case IS_NOT_NULL:
        return v[0] != null;
      case IS_TRUE:
        return Boolean.TRUE.equals(v[0]);
      case IS_FALSE:
        return Boolean.FALSE.equals(v[0]);
      case IS_NOT_TRUE:
        return !Boolean.TRUE.equals(v[0]);
      case IS_NOT_FALSE:
        return !Boolean.FALSE.equals(v[0]);
      case BETWEEN: {
        Boolean ge = v[0] == null || v[1] == null ? null
            : compare(Operator.GREATER_THAN_OR_EQUAL, v[0], args.get(0).type(), v[1], args.get(1).type());
        Boolean le = v[0] == null || v[2] == null ? null
            : compare(Operator.LESS_THAN_OR_EQUAL, v[0], args.get(0).type(), v[2], args.get(2).type());
        if (Boolean.FALSE.equals(ge) || Boolean.FALSE.equals(le)) {
          return false;
        }
        return ge == null || le == null ? null : Boolean.TRUE;
      }
      default:
        break;
    }
    for (Object value : v) {
      if (value == null) {
        return null;
      }
    }
    switch (op) {
      case PLUS, MINUS, MULTIPLY, DIVIDE, MOD, NEGATE, ABS:
        return arithmetic(call, v);
      case ROUND:
        return round(call, v[0], args.size() > 1 ? (Long) v[1] : 0L);
      case EQUALS, NOT_EQUALS, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL:
        return compare(op, v[0], args.get(0).type(), v[1], args.get(1).type());
      case NOT:
        return !(Boolean) v[0];
      case LIKE:
        return like(call, v);
      case NOT_LIKE:
        return !like(call, v);
      case SUBSTRING:
        return substring(call, (String) v[0], (Long) v[1], v.length > 2 ? (Long) v[2] : null);
      case UPPER:
        return ((String) v[0]).toUpperCase(Locale.ROOT);
      case LOWER:
        return ((String) v[0]).toLowerCase(Locale.ROOT);
      case TRIM:
        return stripSpaces((String) v[0], true, true);
      case LTRIM:
        return stripSpaces((String) v[0], true, false);
      case RTRIM:
        return stripSpaces((String) v[0], false, true);
      case CHAR_LENGTH:
        return (long) ((String) v[0]).codePointCount(0, ((String) v[0]).length());
      case POSITION: {
        String s = (String) v[1];
        int at = s.indexOf((String) v[0]);
        return at < 0 ? 0L : (long) s.codePointCount(0, at) + 1L;
      }
      case REPLACE:
        return ((String) v[1]).isEmpty() ? v[0] : ((String) v[0]).replace((String) v[1], (String) v[2]);
      case CONCAT: {
        StringBuilder sb = new StringBuilder();
        for (Object s : v) {
          sb.append((String) s);
        }
        return sb.toString();
      }
      case FAIL:
        throw ExprErrors.failed((String) v[0]);
      case EXTRACT_YEAR:
        return (long) ((LocalDate) v[0]).getYear();
      case EXTRACT_MONTH:
        return (long) ((LocalDate) v[0]).getMonthValue();
      case EXTRACT_DAY:
        return (long) ((LocalDate) v[0]).getDayOfMonth();
      case DATE_ADD_DAYS, DATE_ADD_MONTHS: {
        try {
          LocalDate d = (LocalDate) v[0];
          LocalDate r = op == Operator.DATE_ADD_DAYS ? d.plusDays((Long) v[1]) : d.plusMonths((Long) v[1]);
          if (r.toEpochDay() != (int) r.toEpochDay()) {
            throw ExprErrors.dateOutOfRange(call);
          }
          return r;
        } catch (DateTimeException | ArithmeticException e) {
          throw ExprErrors.dateOutOfRange(call);
        }
      }
      default:
        throw new IllegalStateException("not a strict operator: " + op);
    }
  }

  private static Object arithmetic(Expr.Call call, Object[] v) {
    Operator op = call.op();
    ArrowType type = call.type();
    switch (ExprChecker.kind(type)) {
      case LONG -> {
        BigInteger a = BigInteger.valueOf((Long) v[0]);
        BigInteger b = v.length > 1 ? BigInteger.valueOf((Long) v[1]) : null;
        if ((op == Operator.DIVIDE || op == Operator.MOD) && b.signum() == 0) {
          throw ExprErrors.divisionByZero(call);
        }
        BigInteger r = switch (op) {
          case PLUS -> a.add(b);
          case MINUS -> a.subtract(b);
          case MULTIPLY -> a.multiply(b);
          case DIVIDE -> a.divide(b);
          case MOD -> a.remainder(b);
          case NEGATE -> a.negate();
          default -> a.abs();
        };
        return integer(r, type, call);
      }
      case DOUBLE -> {
        double a = ((Number) v[0]).doubleValue();
        double b = v.length > 1 ? ((Number) v[1]).doubleValue() : 0;
        if ((op == Operator.DIVIDE || op == Operator.MOD) && b == 0) {
          throw ExprErrors.divisionByZero(call);
        }
        return switch (op) {
          case PLUS -> a + b;
          case MINUS -> a - b;
          case MULTIPLY -> a * b;
          case DIVIDE -> a / b;
          case MOD -> a % b;
          case NEGATE -> -a;
          default -> Math.abs(a);
        };
      }
      default -> {
        int scale = ExprChecker.scale(type);
        BigDecimal a = decimal(v[0]);
        BigDecimal b = v.length > 1 ? decimal(v[1]) : null;
        if ((op == Operator.DIVIDE || op == Operator.MOD) && b.signum() == 0) {
          throw ExprErrors.divisionByZero(call);
        }
        BigDecimal r = switch (op) {
          case PLUS -> a.add(b);
          case MINUS -> a.subtract(b);
          case MULTIPLY -> a.multiply(b);
          case DIVIDE -> a.divide(b, scale, RoundingMode.HALF_UP);
          case MOD -> a.remainder(b);
          case NEGATE -> a.negate();
          default -> a.abs();
        };
        return r.setScale(scale, RoundingMode.HALF_UP);
      }
    }
  }

  private static Long integer(BigInteger r, ArrowType type, Expr expr) {
    BigInteger min = ExprChecker.isInt32(type) ? BigInteger.valueOf(Integer.MIN_VALUE) : LONG_MIN;
    BigInteger max = ExprChecker.isInt32(type) ? BigInteger.valueOf(Integer.MAX_VALUE) : LONG_MAX;
    if (r.compareTo(min) < 0 || r.compareTo(max) > 0) {
      throw ExprErrors.overflow(expr);
    }
    return r.longValue();
  }

  /** Rounds in the argument's own kind, then widens to the result type. */
  private static Object round(Expr.Call call, Object x, long places) {
    ArrowType from = call.args().get(0).type();
    int digits = (int) Math.max(-1000, Math.min(places, 1000));
    Object rounded;
    if (x instanceof Double d) {
      rounded = Double.isNaN(d) || Double.isInfinite(d) ? d
          : BigDecimal.valueOf(d).setScale(digits, RoundingMode.HALF_UP).doubleValue();
    } else if (x instanceof Long l) {
      rounded = digits >= 0 ? l : integer(BigDecimal.valueOf(l).setScale(digits, RoundingMode.HALF_UP)
          .toBigIntegerExact(), ExprTypes.BIGINT, call);
    } else {
      BigDecimal d = (BigDecimal) x;
      rounded = digits >= d.scale() ? d : d.setScale(digits, RoundingMode.HALF_UP);
    }
    if (ExprChecker.kind(call.type()) == Kind.LONG) {
      return integer(BigInteger.valueOf((Long) rounded), call.type(), call);
    }
    return widen(rounded, from, call.type());
  }

  static boolean compare(Operator op, Object x, ArrowType xType, Object y, ArrowType yType) {
    ArrowType type = ExprChecker.comparisonType(xType, yType);
    Kind kind = ExprChecker.kind(type);
    if (kind == Kind.DOUBLE) {
      double a = ((Number) x).doubleValue();
      double b = ((Number) y).doubleValue();
      return switch (op) {
        case EQUALS -> a == b;
        case NOT_EQUALS -> a != b;
        case LESS_THAN -> a < b;
        case LESS_THAN_OR_EQUAL -> a <= b;
        case GREATER_THAN -> a > b;
        default -> a >= b;
      };
    }
    int c = switch (kind) {
      case LONG -> Long.compare((Long) x, (Long) y);
      case DECIMAL -> decimal(x).compareTo(decimal(y));
      case STRING -> compareCodePoints((String) x, (String) y);
      case DATE -> ((LocalDate) x).compareTo((LocalDate) y);
      default -> Boolean.compare((Boolean) x, (Boolean) y);
    };
    return switch (op) {
      case EQUALS -> c == 0;
      case NOT_EQUALS -> c != 0;
      case LESS_THAN -> c < 0;
      case LESS_THAN_OR_EQUAL -> c <= 0;
      case GREATER_THAN -> c > 0;
      default -> c >= 0;
    };
  }

  /** Code point order, which is the order of the strings' UTF-8 bytes. */
  private static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int x = a.codePointAt(i);
      int y = b.codePointAt(j);
      if (x != y) {
        return Integer.compare(x, y);
      }
      i += Character.charCount(x);
      j += Character.charCount(y);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }

  private static boolean like(Expr.Call call, Object[] v) {
    String text = (String) v[0];
    String pattern = (String) v[1];
    String escape = v.length > 2 ? (String) v[2] : null;
    if (escape != null && escape.codePointCount(0, escape.length()) != 1) {
      throw ExprErrors.badLikePattern(pattern, escape, "the escape must be one character", call);
    }
    int esc = escape == null ? -1 : escape.codePointAt(0);
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    int[] cps = pattern.codePoints().toArray();
    for (int i = 0; i < cps.length; i++) {
      int c = cps[i];
      if (c == esc) {
        if (i + 1 == cps.length || (cps[i + 1] != '%' && cps[i + 1] != '_' && cps[i + 1] != esc)) {
          throw ExprErrors.badLikePattern(pattern, escape,
              "the escape must be followed by %, _ or itself", call);
        }
        literal.appendCodePoint(cps[++i]);
      } else if (c == '%' || c == '_') {
        if (literal.length() > 0) {
          regex.append(Pattern.quote(literal.toString()));
          literal.setLength(0);
        }
        regex.append(c == '%' ? ".*" : ".");
      } else {
        literal.appendCodePoint(c);
      }
    }
    if (literal.length() > 0) {
      regex.append(Pattern.quote(literal.toString()));
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(text).matches();
  }

  private static String substring(Expr.Call call, String s, long start, Long length) {
    int[] cps = s.codePoints().toArray();
    long n = cps.length;
    long end;
    if (length == null) {
      end = n + 1;
    } else if (length < 0) {
      throw ExprErrors.negativeSubstringLength(length, call);
    } else {
      end = start > Long.MAX_VALUE - length ? Long.MAX_VALUE : start + length;
    }
    long from = Math.max(start, 1);
    long to = Math.min(end, n + 1);
    if (from > n || to <= from) {
      return "";
    }
    return new String(cps, (int) from - 1, (int) (to - from));
  }

  private static String stripSpaces(String s, boolean leading, boolean trailing) {
    int from = 0;
    int to = s.length();
    while (leading && from < to && s.charAt(from) == ' ') {
      from++;
    }
    while (trailing && to > from && s.charAt(to - 1) == ' ') {
      to--;
    }
    return s.substring(from, to);
  }

  private static Object cast(Object v, ArrowType from, Expr.Cast cast) {
    if (v == null) {
      return null;
    }
    ArrowType to = cast.type();
    Kind f = ExprChecker.kind(from);
    Kind t = ExprChecker.kind(to);
    try {
      switch (t) {
        case STRING:
          return switch (f) {
            case BOOL -> (Boolean) v ? "TRUE" : "FALSE";
            case DECIMAL -> ((BigDecimal) v).toPlainString();
            default -> v.toString();
          };
        case LONG: {
          BigInteger r = switch (f) {
            case STRING -> new BigInteger(((String) v).trim());
            case DOUBLE -> {
              double d = (Double) v;
              if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw ExprErrors.castFailed(v, to, cast);
              }
              yield new BigDecimal(d).toBigInteger();
            }
            case DECIMAL -> ((BigDecimal) v).toBigInteger();
            default -> BigInteger.valueOf((Long) v);
          };
          BigInteger min = ExprChecker.isInt32(to) ? BigInteger.valueOf(Integer.MIN_VALUE) : LONG_MIN;
          BigInteger max = ExprChecker.isInt32(to) ? BigInteger.valueOf(Integer.MAX_VALUE) : LONG_MAX;
          if (r.compareTo(min) < 0 || r.compareTo(max) > 0) {
            throw ExprErrors.castFailed(v, to, cast);
          }
          return r.longValue();
        }
        case DOUBLE:
          return f == Kind.STRING ? Double.parseDouble(((String) v).trim()) : ((Number) v).doubleValue();
        case DECIMAL: {
          BigDecimal d = switch (f) {
            case STRING -> new BigDecimal(((String) v).trim());
            case DOUBLE -> {
              double x = (Double) v;
              if (Double.isNaN(x) || Double.isInfinite(x)) {
                throw ExprErrors.castFailed(v, to, cast);
              }
              yield BigDecimal.valueOf(x);
            }
            default -> decimal(v);
          };
          d = d.setScale(ExprChecker.scale(to), RoundingMode.HALF_UP);
          if (d.precision() > ((ArrowType.Decimal) to).getPrecision()) {
            throw ExprErrors.castFailed(v, to, cast);
          }
          return d;
        }
        case DATE: {
          if (f != Kind.STRING) {
            return v;
          }
          LocalDate d = LocalDate.parse(((String) v).trim());
          if (d.toEpochDay() != (int) d.toEpochDay()) {
            throw ExprErrors.castFailed(v, to, cast);
          }
          return d;
        }
        case BOOL: {
          if (f != Kind.STRING) {
            return v;
          }
          String s = ((String) v).trim();
          if (s.equalsIgnoreCase("true")) {
            return true;
          } else if (s.equalsIgnoreCase("false")) {
            return false;
          }
          throw ExprErrors.castFailed(v, to, cast);
        }
        default:
          throw new IllegalStateException("no cast to " + to);
      }
    } catch (NumberFormatException | ArithmeticException | DateTimeException e) {
      throw ExprErrors.castFailed(v, to, cast);
    }
  }
}
