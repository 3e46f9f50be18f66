package io.gleam.exec.expr;

import static io.gleam.exec.expr.ExprEmitter.pow;
import static io.gleam.exec.expr.ExprEmitter.rescale;
import static io.gleam.exec.expr.ExprEmitter.widen;

import io.gleam.exec.expr.ExprChecker.Kind;
import io.gleam.exec.expr.ExprEmitter.Val;
import io.gleam.planner.expr.Expr;
import io.gleam.planner.expr.ExprTypes;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Writes CAST. Numbers convert exactly or fall back (a value out of the target's range, a decimal beyond its
 * precision, a string that does not parse), so that the interpreter reports the value that failed.
 */
final class CastEmitter {
  private static final String RT = "KernelRuntime.";

  private CastEmitter() {}

  static Val emit(ExprEmitter emitter, Expr.Cast cast) {
    KernelMethod m = emitter.method();
    Val in = emitter.emit(cast.input());
    ArrowType to = cast.type();
    Val r = emitter.fresh(to);
    m.line(r.isNull() + " = " + in.isNull() + ";");
    if (in.isNull().equals("true")) {
      return r;
    }
    m.open("if (!" + r.isNull() + ")");
    Kind from = in.kind();
    String range = in.arr() + ", " + in.off() + ", " + in.len();
    switch (ExprChecker.kind(to)) {
      case STRING -> {
        if (from == Kind.STRING) {
          m.line(r.arr() + " = " + in.arr() + ";");
          m.line(r.off() + " = " + in.off() + ";");
          m.line(r.len() + " = " + in.len() + ";");
        } else {
          String bytes = switch (from) {
            case LONG -> RT + "utf8(Long.toString(" + in.value() + "))";
            case DOUBLE -> RT + "utf8(Double.toString(" + in.value() + "))";
            case DECIMAL -> RT + "decimalToString(" + in.value() + ", " + in.scale() + ")";
            case DATE -> RT + "dateToString(" + in.value() + ")";
            default -> "(" + in.value() + " ? " + constant(emitter, "TRUE") + " : " + constant(emitter, "FALSE")
                + ")";
          };
          m.line(r.arr() + " = " + bytes + ";");
          m.line(r.off() + " = 0;");
          m.line(r.len() + " = " + r.arr() + ".length;");
        }
      }
      case LONG -> {
        String v = switch (from) {
          case STRING -> RT + "parseLong(" + range + ")";
          case DOUBLE -> RT + "doubleToLong(" + in.value() + ")";
          case DECIMAL -> "(" + in.value() + " / " + pow(in.scale()) + ")";
          default -> in.value();
        };
        m.line(r.value() + " = " + (ExprChecker.isInt32(to) ? RT + "checkInt(" + v + ")" : v) + ";");
      }
      case DOUBLE -> m.line(r.value() + " = " + (from == Kind.STRING ? RT + "parseDouble(" + range + ")"
          : widen(in, ExprTypes.DOUBLE)) + ";");
      case DECIMAL -> {
        int scale = ExprChecker.scale(to);
        String v = switch (from) {
          case STRING -> RT + "parseDecimal(" + range + ", " + scale + ")";
          case DOUBLE -> RT + "doubleToDecimal(" + in.value() + ", " + scale + ")";
          default -> rescale(in.value(), in.scale(), scale);
        };
        int precision = ((ArrowType.Decimal) to).getPrecision();
        m.line(r.value() + " = " + (precision <= 18 ? RT + "checkPrecision(" + v + ", " + pow(precision) + ")" : v)
            + ";");
      }
      case DATE -> m.line(r.value() + " = " + (from == Kind.STRING ? RT + "parseDate(" + range + ")" : in.value())
          + ";");
      case BOOL -> m.line(r.value() + " = " + (from == Kind.STRING ? RT + "parseBoolean(" + range + ")"
          : in.value()) + ";");
      default -> throw new IllegalStateException("no cast to " + to);
    }
    m.close();
    return r;
  }

  private static String constant(ExprEmitter emitter, String text) {
    return emitter.generator().constant(text.getBytes(StandardCharsets.UTF_8), "byte[]");
  }
}
