package io.gleam.exec.expr;

import static io.gleam.exec.expr.ExprEmitter.pow;
import static io.gleam.exec.expr.ExprEmitter.rescale;
import static io.gleam.exec.expr.ExprEmitter.widen;

import io.gleam.exec.expr.ExprChecker.Kind;
import io.gleam.exec.expr.ExprEmitter.NotCompilable;
import io.gleam.exec.expr.ExprEmitter.Val;
import io.gleam.planner.expr.Expr;
import io.gleam.planner.expr.ExprTypes;
import io.gleam.planner.expr.Operator;
import java.util.List;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Writes arithmetic, ABS and ROUND for non-null arguments. Integers use {@code Math.*Exact}; decimals are unscaled
 * longs brought to a common scale exactly (a sum at the larger scale, a product at the sum of the scales), then
 * rounded half up to the result's scale; doubles use Java arithmetic. Division by zero falls back, so that the
 * interpreter reports it.
 */
final class NumericEmitter {
  private static final String RT = "KernelRuntime.";

  private NumericEmitter() {}

  static void emit(ExprEmitter emitter, Expr.Call call, List<Val> args, Val r) {
    KernelMethod m = emitter.method();
    ArrowType type = call.type();
    String value = switch (call.op()) {
      case ROUND -> round(call, args.get(0), r);
      default -> switch (ExprChecker.kind(type)) {
        case LONG -> integer(call.op(), args);
        case DOUBLE -> floating(m, call.op(), args);
        default -> decimal(call.op(), args, ExprChecker.scale(type));
      };
    };
    if (ExprChecker.isInt32(type)) {
      value = RT + "checkInt(" + value + ")";
    }
    m.line(r.value() + " = " + value + ";");
  }

  private static String integer(Operator op, List<Val> args) {
    String x = args.get(0).value();
    String y = args.size() > 1 ? args.get(1).value() : null;
    return switch (op) {
      case PLUS -> "Math.addExact(" + x + ", " + y + ")";
      case MINUS -> "Math.subtractExact(" + x + ", " + y + ")";
      case MULTIPLY -> "Math.multiplyExact(" + x + ", " + y + ")";
      case DIVIDE -> RT + "divide(" + x + ", " + y + ")";
      case MOD -> RT + "mod(" + x + ", " + y + ")";
      case NEGATE -> "Math.negateExact(" + x + ")";
      case ABS -> "Math.absExact(" + x + ")";
      default -> throw new IllegalStateException("not arithmetic: " + op);
    };
  }

  private static String floating(KernelMethod m, Operator op, List<Val> args) {
    String x = widen(args.get(0), ExprTypes.DOUBLE);
    String y = args.size() > 1 ? widen(args.get(1), ExprTypes.DOUBLE) : null;
    if (op == Operator.DIVIDE || op == Operator.MOD) {
      m.line("if (" + y + " == 0.0D) throw " + RT + "fallback();");
    }
    return switch (op) {
      case PLUS -> "(" + x + " + " + y + ")";
      case MINUS -> "(" + x + " - " + y + ")";
      case MULTIPLY -> "(" + x + " * " + y + ")";
      case DIVIDE -> "(" + x + " / " + y + ")";
      case MOD -> "(" + x + " % " + y + ")";
      case NEGATE -> "(-" + x + ")";
      case ABS -> "Math.abs(" + x + ")";
      default -> throw new IllegalStateException("not arithmetic: " + op);
    };
  }

  /** Decimal arithmetic on unscaled longs; integer arguments are decimals of scale 0. */
  private static String decimal(Operator op, List<Val> args, int scale) {
    Val a = args.get(0);
    int sa = a.scale();
    if (args.size() == 1) {
      String v = op == Operator.NEGATE ? "Math.negateExact(" + a.value() + ")" : "Math.absExact(" + a.value() + ")";
      return rescale(v, sa, scale);
    }
    Val b = args.get(1);
    int sb = b.scale();
    int common = Math.max(sa, sb);
    String x = rescale(a.value(), sa, common);
    String y = rescale(b.value(), sb, common);
    return switch (op) {
      case PLUS -> rescale("Math.addExact(" + x + ", " + y + ")", common, scale);
      case MINUS -> rescale("Math.subtractExact(" + x + ", " + y + ")", common, scale);
      case MOD -> rescale(RT + "mod(" + x + ", " + y + ")", common, scale);
      case MULTIPLY -> rescale("Math.multiplyExact(" + a.value() + ", " + b.value() + ")", sa + sb, scale);
      case DIVIDE -> {
        int shift = scale + sb - sa;
        if (Math.abs(shift) > 18) {
          throw new NotCompilable("decimal division shifts by 10^" + shift);
        }
        yield RT + "divideDecimal(" + a.value() + ", " + b.value() + ", " + shift + ")";
      }
      default -> throw new IllegalStateException("not arithmetic: " + op);
    };
  }

  /** Rounds in the argument's own kind, then widens to the result type. */
  private static String round(Expr.Call call, Val a, Val r) {
    long digits = call.args().size() > 1 ? (Long) ((Expr.Literal) call.args().get(1)).value() : 0L;
    if (Math.abs(digits) > 18) {
      throw new NotCompilable("ROUND to " + digits + " digits");
    }
    int d = (int) digits;
    String rounded;
    ArrowType roundedType;
    Kind kind = a.kind();
    if (kind == Kind.DOUBLE) {
      rounded = RT + "roundDouble(" + a.value() + ", " + d + ")";
      roundedType = ExprTypes.DOUBLE;
    } else if (kind == Kind.LONG) {
      rounded = d >= 0 ? a.value() : RT + "roundLong(" + a.value() + ", " + pow(-d) + ")";
      roundedType = ExprTypes.BIGINT;
    } else {
      int s = a.scale();
      if (d >= s) {
        rounded = a.value();
        roundedType = a.type();
      } else {
        rounded = RT + "rescaleDown(" + a.value() + ", " + pow(s - d) + ")";
        if (d < 0) {
          rounded = "Math.multiplyExact(" + rounded + ", " + pow(-d) + ")";
        }
        roundedType = ExprTypes.decimal(ExprTypes.MAX_DECIMAL_PRECISION, Math.max(d, 0));
      }
    }
    return widen(rounded, roundedType, r.type());
  }
}
