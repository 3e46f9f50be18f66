package io.gleam.exec.expr;

import io.gleam.exec.expr.ExprEmitter.NotCompilable;
import io.gleam.exec.expr.ExprEmitter.Val;
import io.gleam.planner.expr.Expr;
import io.gleam.planner.expr.Operator;
import java.util.List;

/**
 * Writes the string functions for non-null arguments, on UTF-8 bytes: LIKE (a {@link LikeMatcher} made once when
 * the pattern is a literal), SUBSTRING and TRIM as sub-ranges of their argument (no copy), UPPER, LOWER and
 * concatenation into per-node scratch arrays, CHAR_LENGTH by counting the bytes that start characters, POSITION
 * and REPLACE by matching bytes (a UTF-8 match always starts and ends on character boundaries).
 */
final class StringEmitter {
  private static final String RT = "KernelRuntime.";

  private StringEmitter() {}

  static void emit(ExprEmitter emitter, Expr.Call call, List<Val> args, Val r) {
    KernelMethod m = emitter.method();
    Val a = args.get(0);
    String range = a.arr() + ", " + a.off() + ", " + a.len();
    String end = "(" + a.off() + " + " + a.len() + ")";
    Operator op = call.op();
    switch (op) {
      case LIKE, NOT_LIKE -> like(emitter, call, args, r);
      case SUBSTRING -> substring(m, a, args, r);
      case UPPER, LOWER -> {
        String scratch = emitter.generator().scratch();
        boolean upper = op == Operator.UPPER;
        m.open("if (" + RT + "isAscii(" + range + "))");
        m.line(scratch + " = " + RT + "grow(" + scratch + ", " + a.len() + ");");
        m.line(RT + "changeCaseAscii(" + range + ", " + scratch + ", " + upper + ");");
        m.line(r.arr() + " = " + scratch + ";");
        m.line(r.len() + " = " + a.len() + ";");
        m.orElse();
        m.line(r.arr() + " = " + RT + "changeCase(" + range + ", " + upper + ");");
        m.line(r.len() + " = " + r.arr() + ".length;");
        m.close();
        m.line(r.off() + " = 0;");
      }
      case TRIM, LTRIM, RTRIM -> {
        m.line(r.arr() + " = " + a.arr() + ";");
        m.line(r.off() + " = " + (op == Operator.RTRIM ? a.off()
            : RT + "trimStart(" + a.arr() + ", " + a.off() + ", " + end + ")") + ";");
        String trimmedEnd = op == Operator.LTRIM ? end : RT + "trimEnd(" + a.arr() + ", " + r.off() + ", " + end + ")";
        m.line(r.len() + " = " + trimmedEnd + " - " + r.off() + ";");
      }
      case CHAR_LENGTH -> m.line(r.value() + " = (long) " + RT + "charLength(" + range + ");");
      case POSITION -> {
        Val s = args.get(1);
        m.line(r.value() + " = " + RT + "position(" + s.arr() + ", " + s.off() + ", " + s.len() + ", " + range
            + ");");
      }
      case REPLACE -> {
        Val from = args.get(1);
        Val to = args.get(2);
        m.line(r.arr() + " = " + RT + "replace(" + range + ", " + from.arr() + ", " + from.off() + ", "
            + from.len() + ", " + to.arr() + ", " + to.off() + ", " + to.len() + ");");
        m.line(r.off() + " = 0;");
        m.line(r.len() + " = " + r.arr() + ".length;");
      }
      case CONCAT -> {
        String scratch = emitter.generator().scratch();
        StringBuilder length = new StringBuilder();
        for (Val v : args) {
          length.append(length.length() == 0 ? "" : " + ").append(v.len());
        }
        m.line(r.len() + " = " + length + ";");
        m.line(scratch + " = " + RT + "grow(" + scratch + ", " + r.len() + ");");
        m.line(r.off() + " = 0;");
        for (Val v : args) {
          m.line("System.arraycopy(" + v.arr() + ", " + v.off() + ", " + scratch + ", " + r.off() + ", " + v.len()
              + ");");
          m.line(r.off() + " += " + v.len() + ";");
        }
        m.line(r.arr() + " = " + scratch + ";");
        m.line(r.off() + " = 0;");
      }
      default -> throw new IllegalStateException("not a string function: " + op);
    }
  }

  /** SQL SUBSTRING in characters: positions before 1 are cut off, a negative length is an error. */
  private static void substring(KernelMethod m, Val a, List<Val> args, Val r) {
    String end = "(" + a.off() + " + " + a.len() + ")";
    String start = args.get(1).value();
    String from = m.local("long", "0L");
    m.line(from + " = Math.max(" + start + ", 1L);");
    m.line(r.arr() + " = " + a.arr() + ";");
    if (args.size() == 2) {
      m.line(r.off() + " = " + RT + "skipChars(" + a.arr() + ", " + a.off() + ", " + end + ", " + from + " - 1L);");
      m.line(r.len() + " = " + end + " - " + r.off() + ";");
      return;
    }
    String length = args.get(2).value();
    String last = m.local("long", "0L");
    m.line("if (" + length + " < 0L) throw " + RT + "fallback();");
    m.line(last + " = " + RT + "saturatedAdd(" + start + ", " + length + ");");
    m.open("if (" + last + " <= " + from + ")");
    m.line(r.off() + " = " + a.off() + ";");
    m.line(r.len() + " = 0;");
    m.orElse();
    m.line(r.off() + " = " + RT + "skipChars(" + a.arr() + ", " + a.off() + ", " + end + ", " + from + " - 1L);");
    m.line(r.len() + " = " + RT + "skipChars(" + a.arr() + ", " + r.off() + ", " + end + ", " + last + " - " + from
        + ") - " + r.off() + ";");
    m.close();
  }

  private static void like(ExprEmitter emitter, Expr.Call call, List<Val> args, Val r) {
    KernelMethod m = emitter.method();
    Val a = args.get(0);
    String not = call.op() == Operator.NOT_LIKE ? "!" : "";
    int escape = -1;
    if (call.args().size() > 2) {
      if (!(call.args().get(2) instanceof Expr.Literal l) || l.value() == null) {
        throw new NotCompilable("LIKE escape is not a literal");
      }
      String e = (String) l.value();
      if (e.codePointCount(0, e.length()) != 1) {
        throw new NotCompilable("LIKE escape '" + e + "' is not one character");
      }
      escape = e.codePointAt(0);
    }
    String range = a.arr() + ", " + a.off() + ", " + a.len();
    if (call.args().get(1) instanceof Expr.Literal p && p.value() != null) {
      LikeMatcher matcher;
      try {
        matcher = LikeMatcher.compile((String) p.value(), escape);
      } catch (IllegalArgumentException e) {
        throw new NotCompilable("bad LIKE pattern: " + e.getMessage());
      }
      String name = emitter.generator().constant(matcher, "LikeMatcher");
      m.line(r.value() + " = " + not + name + ".matches(" + range + ");");
      return;
    }
    Val p = args.get(1);
    m.line(r.value() + " = " + not + RT + "like(" + range + ", " + p.arr() + ", " + p.off() + ", " + p.len() + ", "
        + escape + ");");
  }
}
