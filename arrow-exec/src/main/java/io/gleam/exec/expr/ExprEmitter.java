package io.gleam.exec.expr;

import io.gleam.exec.expr.ExprChecker.Kind;
import io.gleam.planner.expr.Expr;
import io.gleam.planner.expr.Operator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Writes the Java statements that evaluate one expression for the current row {@code i} of a kernel method. Every
 * node gets a null flag and a value local: booleans, {@code long} for integers, dates (days) and decimals
 * (unscaled at the node type's scale), {@code double}, and a byte range for strings. Arguments are evaluated
 * before the call that uses them, except in AND, OR, CASE and COALESCE, which evaluate only what decides the
 * result. Arithmetic is exact or falls back (see {@link KernelRuntime}).
 */
final class ExprEmitter {
  /** Thrown for an expression the generated code does not handle; it is interpreted instead. */
  static final class NotCompilable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotCompilable(String reason) {
      super(reason, null, false, false);
    }
  }

  /** A node's value in generated code: Java expressions for its null flag and its value (or byte range). */
  record Val(ArrowType type, String isNull, String value, String arr, String off, String len) {
    Kind kind() {
      return ExprChecker.kind(type);
    }

    int scale() {
      return ExprChecker.scale(type);
    }
  }

  private static final String RT = "KernelRuntime.";

  private final KernelGenerator generator;
  private final KernelMethod m;

  ExprEmitter(KernelGenerator generator, KernelMethod method) {
    this.generator = generator;
    this.m = method;
  }

  Val emit(Expr e) {
    if (e instanceof Expr.ColumnRef ref) {
      return column(ref);
    } else if (e instanceof Expr.Literal literal) {
      return literal(literal);
    } else if (e instanceof Expr.Cast cast) {
      return CastEmitter.emit(this, cast);
    } else if (e instanceof Expr.Case c) {
      Val r = fresh(c.type());
      caseBranch(c, 0, r);
      return r;
    }
    return call((Expr.Call) e);
  }

  KernelMethod method() {
    return m;
  }

  /** Declares the locals of a new node of {@code type}. */
  Val fresh(ArrowType type) {
    String isNull = m.local("boolean", "false");
    return switch (ExprChecker.kind(type)) {
      case STRING -> new Val(type, isNull, null, m.local("byte[]", "null"), m.local("int", "0"), m.local("int", "0"));
      case BOOL -> new Val(type, isNull, m.local("boolean", "false"), null, null, null);
      case DOUBLE -> new Val(type, isNull, m.local("double", "0.0D"), null, null, null);
      case OTHER -> new Val(type, isNull, null, null, null, null);
      default -> new Val(type, isNull, m.local("long", "0L"), null, null, null);
    };
  }

  // ---- leaves

  private Val column(Expr.ColumnRef ref) {
    ArrowType type = ref.type();
    String c = m.column(ref.index(), type);
    Val v = fresh(type);
    Kind kind = ExprChecker.kind(type);
    if (kind == Kind.OTHER) {
      m.line(v.isNull() + " = " + c + "Nulls && " + c + ".isNull(i);");
      return v;
    }
    m.line(v.isNull() + " = " + c + "Nulls && " + RT + "isNull(" + c + "Validity, i);");
    m.open("if (!" + v.isNull() + ")");
    String data = c + "Data";
    switch (kind) {
      case BOOL -> m.line(v.value() + " = " + RT + "bit(" + data + ", i);");
      case LONG -> m.line(v.value() + " = " + (ExprChecker.isInt32(type) ? "(long) MemoryUtil.getInt(" + data
          + " + (long) i * 4L)" : "MemoryUtil.getLong(" + data + " + (long) i * 8L)") + ";");
      case DATE -> m.line(v.value() + " = (long) MemoryUtil.getInt(" + data + " + (long) i * 4L);");
      case DOUBLE -> m.line(v.value() + " = Double.longBitsToDouble(MemoryUtil.getLong(" + data
          + " + (long) i * 8L));");
      case DECIMAL -> m.line(v.value() + " = " + (((ArrowType.Decimal) type).getPrecision() <= 18
          ? "MemoryUtil.getLong(" + data + " + (long) i * 16L)" : RT + "decimal128(" + data + ", i)") + ";");
      case STRING -> {
        String start = m.local("int", "0");
        String scratch = generator.scratch();
        m.line(start + " = MemoryUtil.getInt(" + c + "Offsets + (long) i * 4L);");
        m.line(v.len() + " = MemoryUtil.getInt(" + c + "Offsets + (long) i * 4L + 4L) - " + start + ";");
        m.line(scratch + " = " + RT + "grow(" + scratch + ", " + v.len() + ");");
        m.line(c + "Bytes.getBytes(" + start + ", " + scratch + ", 0, " + v.len() + ");");
        m.line(v.arr() + " = " + scratch + ";");
        m.line(v.off() + " = 0;");
      }
      default -> throw new IllegalStateException("no column read for " + type);
    }
    m.close();
    return v;
  }

  private Val literal(Expr.Literal literal) {
    ArrowType type = literal.type();
    Object value = literal.value();
    Kind kind = ExprChecker.kind(type);
    if (value == null) {
      return switch (kind) {
        case STRING -> new Val(type, "true", null, "(byte[]) null", "0", "0");
        case BOOL -> new Val(type, "true", "false", null, null, null);
        case DOUBLE -> new Val(type, "true", "0.0D", null, null, null);
        case OTHER -> new Val(type, "true", null, null, null, null);
        default -> new Val(type, "true", "0L", null, null, null);
      };
    }
    return switch (kind) {
      case STRING -> {
        byte[] bytes = ((String) value).getBytes(StandardCharsets.UTF_8);
        yield new Val(type, "false", null, generator.constant(bytes, "byte[]"), "0", String.valueOf(bytes.length));
      }
      case BOOL -> new Val(type, "false", value.toString(), null, null, null);
      case DOUBLE -> new Val(type, "false", doubleLiteral((Double) value), null, null, null);
      case DECIMAL -> {
        try {
          yield new Val(type, "false", longLiteral(literal.decimalValue().unscaledValue().longValueExact()), null,
              null, null);
        } catch (ArithmeticException e) {
          throw new NotCompilable("decimal literal " + value + " does not fit 64 bits");
        }
      }
      default -> new Val(type, "false", longLiteral((Long) value), null, null, null);
    };
  }

  static String longLiteral(long v) {
    return v == Long.MIN_VALUE ? "Long.MIN_VALUE" : v < 0 ? "(" + v + "L)" : v + "L";
  }

  private static String doubleLiteral(double v) {
    if (Double.isNaN(v)) {
      return "Double.NaN";
    } else if (Double.isInfinite(v)) {
      return v > 0 ? "Double.POSITIVE_INFINITY" : "Double.NEGATIVE_INFINITY";
    }
    return "(" + v + "D)";
  }

  // ---- conversions between numeric kinds

  /** 10^e as a Java literal; exponents beyond 18 do not fit a long. */
  static String pow(int e) {
    if (e < 0 || e > 18) {
      throw new NotCompilable("scale difference " + e + " needs more than 64 bits");
    }
    return KernelRuntime.POW10[e] + "L";
  }

  /** An unscaled decimal at scale {@code from} brought to scale {@code to}, rounding half up. */
  static String rescale(String v, int from, int to) {
    if (to == from) {
      return v;
    } else if (to > from) {
      return "Math.multiplyExact(" + v + ", " + pow(to - from) + ")";
    }
    return RT + "rescaleDown(" + v + ", " + pow(from - to) + ")";
  }

  /** The value of {@code v} converted to {@code to}, a type it widens to. */
  static String widen(Val v, ArrowType to) {
    return widen(v.value(), v.type(), to);
  }

  static String widen(String value, ArrowType from, ArrowType to) {
    Kind f = ExprChecker.kind(from);
    Kind t = ExprChecker.kind(to);
    if (t == Kind.DOUBLE) {
      return switch (f) {
        case LONG -> "((double) " + value + ")";
        case DECIMAL -> RT + "decimalToDouble(" + value + ", " + ExprChecker.scale(from) + ")";
        default -> value;
      };
    } else if (t == Kind.DECIMAL) {
      return rescale(value, ExprChecker.scale(from), ExprChecker.scale(to));
    }
    return value;
  }

  // ---- calls

  private Val call(Expr.Call call) {
    switch (call.op()) {
      case AND, OR:
        return andOr(call);
      case COALESCE: {
        Val r = fresh(call.type());
        coalesce(call, 0, r);
        return r;
      }
      case IN:
        return in(call);
      default:
        break;
    }
    List<Val> args = new ArrayList<>();
    for (Expr arg : call.args()) {
      args.add(emit(arg));
    }
    Val a = args.get(0);
    Operator op = call.op();
    switch (op) {
      case IS_NULL, IS_NOT_NULL, IS_TRUE, IS_FALSE, IS_NOT_TRUE, IS_NOT_FALSE: {
        Val r = fresh(call.type());
        String test = switch (op) {
          case IS_NULL -> a.isNull();
          case IS_NOT_NULL -> "!" + a.isNull();
          case IS_TRUE -> "!" + a.isNull() + " && " + a.value();
          case IS_FALSE -> "!" + a.isNull() + " && !" + a.value();
          case IS_NOT_TRUE -> a.isNull() + " || !" + a.value();
          default -> a.isNull() + " || " + a.value();
        };
        m.line(r.value() + " = " + test + ";");
        return r;
      }
      case BETWEEN:
        return between(call, args);
      default:
        break;
    }
    Val r = fresh(call.type());
    String anyNull = anyNull(args);
    m.line(r.isNull() + " = " + anyNull + ";");
    if (anyNull.equals("true")) {
      return r;
    }
    m.open("if (!" + r.isNull() + ")");
    switch (op) {
      case PLUS, MINUS, MULTIPLY, DIVIDE, MOD, NEGATE, ABS, ROUND -> NumericEmitter.emit(this, call, args, r);
      case EQUALS, NOT_EQUALS, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL ->
          m.line(r.value() + " = " + compare(op, a, args.get(1)) + ";");
      case NOT -> m.line(r.value() + " = !" + a.value() + ";");
      case LIKE, NOT_LIKE, SUBSTRING, UPPER, LOWER, TRIM, LTRIM, RTRIM, CHAR_LENGTH, CONCAT, POSITION, REPLACE ->
          StringEmitter.emit(this, call, args, r);
      // The interpreter, taking the batch over, raises the error with its message.
      case FAIL -> m.line(r.isNull() + " = " + RT + "fail();");
      case EXTRACT_YEAR -> m.line(r.value() + " = " + RT + "year(" + a.value() + ");");
      case EXTRACT_MONTH -> m.line(r.value() + " = " + RT + "month(" + a.value() + ");");
      case EXTRACT_DAY -> m.line(r.value() + " = " + RT + "day(" + a.value() + ");");
      case DATE_ADD_DAYS -> m.line(r.value() + " = " + RT + "checkDate(Math.addExact(" + a.value() + ", "
          + args.get(1).value() + "));");
      case DATE_ADD_MONTHS -> m.line(r.value() + " = " + RT + "addMonths(" + a.value() + ", "
          + args.get(1).value() + ");");
      default -> throw new IllegalStateException("unexpected operator " + op);
    }
    m.close();
    return r;
  }

  static String anyNull(List<Val> args) {
    List<String> flags = new ArrayList<>();
    for (Val v : args) {
      if (v.isNull().equals("true")) {
        return "true";
      } else if (!v.isNull().equals("false")) {
        flags.add(v.isNull());
      }
    }
    return flags.isEmpty() ? "false" : String.join(" || ", flags);
  }

  /** A Java boolean expression comparing two non-null values. */
  String compare(Operator op, Val a, Val b) {
    ArrowType type = ExprChecker.comparisonType(a.type(), b.type());
    String symbol = switch (op) {
      case EQUALS -> "==";
      case NOT_EQUALS -> "!=";
      case LESS_THAN -> "<";
      case LESS_THAN_OR_EQUAL -> "<=";
      case GREATER_THAN -> ">";
      default -> ">=";
    };
    switch (ExprChecker.kind(type)) {
      case STRING: {
        String ranges = a.arr() + ", " + a.off() + ", " + a.len() + ", " + b.arr() + ", " + b.off() + ", "
            + b.len();
        if (op == Operator.EQUALS || op == Operator.NOT_EQUALS) {
          return "(" + (op == Operator.EQUALS ? "" : "!") + RT + "equal(" + ranges + "))";
        }
        return "(" + RT + "compare(" + ranges + ") " + symbol + " 0)";
      }
      case BOOL: {
        String x = "(" + a.value() + " ? 1 : 0)";
        String y = "(" + b.value() + " ? 1 : 0)";
        return "(" + x + " " + symbol + " " + y + ")";
      }
      default:
        return "(" + widen(a, type) + " " + symbol + " " + widen(b, type) + ")";
    }
  }

  private Val between(Expr.Call call, List<Val> args) {
    Val x = args.get(0);
    Val r = fresh(call.type());
    String lowNull = anyNull(List.of(x, args.get(1)));
    String highNull = anyNull(List.of(x, args.get(2)));
    String lowFalse = "!(" + lowNull + ") && !" + compare(Operator.GREATER_THAN_OR_EQUAL, x, args.get(1));
    String highFalse = "!(" + highNull + ") && !" + compare(Operator.LESS_THAN_OR_EQUAL, x, args.get(2));
    m.line(r.isNull() + " = false;");
    m.line(r.value() + " = false;");
    m.open("if (!(" + lowFalse + ") && !(" + highFalse + "))");
    m.line(r.isNull() + " = " + anyNull(args) + ";");
    m.line(r.value() + " = !" + r.isNull() + ";");
    m.close();
    return r;
  }

  private Val in(Expr.Call call) {
    Val x = emit(call.args().get(0));
    Val r = fresh(call.type());
    String found = m.local("boolean", "false");
    String sawNull = m.local("boolean", "false");
    m.line(r.isNull() + " = " + x.isNull() + ";");
    m.open("if (!" + r.isNull() + ")");
    m.line(found + " = false;");
    m.line(sawNull + " = false;");
    for (int i = 1; i < call.args().size(); i++) {
      Val item = emit(call.args().get(i));
      m.open("if (" + item.isNull() + ")");
      m.line(sawNull + " = true;");
      m.orElse();
      m.line(found + " = " + found + " || " + compare(Operator.EQUALS, x, item) + ";");
      m.close();
    }
    m.line(r.isNull() + " = !" + found + " && " + sawNull + ";");
    m.line(r.value() + " = " + found + ";");
    m.close();
    return r;
  }

  /** AND stops at the first FALSE, OR at the first TRUE; otherwise NULL if any argument was NULL. */
  private Val andOr(Expr.Call call) {
    boolean isAnd = call.op() == Operator.AND;
    Val r = fresh(call.type());
    String unknown = m.local("boolean", "false");
    m.line(r.isNull() + " = false;");
    m.line(r.value() + " = " + !isAnd + ";");
    m.line(unknown + " = false;");
    List<Expr> args = call.args();
    for (Expr arg : args) {
      Val v = emit(arg);
      m.open("if (" + v.isNull() + " || " + (isAnd ? "" : "!") + v.value() + ")");
      m.line(unknown + " = " + unknown + " || " + v.isNull() + ";");
    }
    m.line(r.isNull() + " = " + unknown + ";");
    m.line(r.value() + " = " + (isAnd ? "!" : "") + unknown + ";");
    for (int i = 0; i < args.size(); i++) {
      m.close();
    }
    return r;
  }

  private void coalesce(Expr.Call call, int index, Val r) {
    Expr arg = call.args().get(index);
    Val v = emit(arg);
    if (index == call.args().size() - 1) {
      assign(r, v);
      return;
    }
    m.open("if (!" + v.isNull() + ")");
    assign(r, v);
    m.orElse();
    coalesce(call, index + 1, r);
    m.close();
  }

  private void caseBranch(Expr.Case c, int index, Val r) {
    Val when = emit(c.whens().get(index));
    m.open("if (!" + when.isNull() + " && " + when.value() + ")");
    assign(r, emit(c.thens().get(index)));
    m.orElse();
    if (index + 1 < c.whens().size()) {
      caseBranch(c, index + 1, r);
    } else {
      assign(r, emit(c.otherwise()));
    }
    m.close();
  }

  /** Sets node {@code r} to the value of {@code v}, converted to r's type. */
  void assign(Val r, Val v) {
    m.line(r.isNull() + " = " + v.isNull() + ";");
    if (v.isNull().equals("true")) {
      return;
    }
    if (r.kind() == Kind.STRING) {
      m.line(r.arr() + " = " + v.arr() + ";");
      m.line(r.off() + " = " + v.off() + ";");
      m.line(r.len() + " = " + v.len() + ";");
    } else {
      m.open("if (!" + r.isNull() + ")");
      m.line(r.value() + " = " + widen(v, r.type()) + ";");
      m.close();
    }
  }

  KernelGenerator generator() {
    return generator;
  }
}
