package io.gleam.planner.expr;

import java.time.LocalDate;
import java.util.List;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Renders expressions as SQL-like text with the fewest parentheses that keep the meaning: {@code $3 * (1 - $6)},
 * {@code $1 IS NULL OR $2 LIKE 'a%'}, {@code CASE WHEN $0 > 0 THEN 'pos' ELSE 'neg' END}.
 */
final class ExprRenderer {
  private static final int ATOM = 8;

  private ExprRenderer() {}

  static String render(Expr expr) {
    StringBuilder sb = new StringBuilder();
    append(sb, expr);
    return sb.toString();
  }

  private static void append(StringBuilder sb, Expr expr) {
    if (expr instanceof Expr.ColumnRef ref) {
      sb.append('$').append(ref.index());
    } else if (expr instanceof Expr.Literal literal) {
      appendLiteral(sb, literal);
    } else if (expr instanceof Expr.Cast cast) {
      sb.append("CAST(");
      append(sb, cast.input());
      sb.append(" AS ").append(ExprTypes.name(cast.type())).append(')');
    } else if (expr instanceof Expr.Case c) {
      sb.append("CASE");
      for (int i = 0; i < c.whens().size(); i++) {
        sb.append(" WHEN ");
        append(sb, c.whens().get(i));
        sb.append(" THEN ");
        append(sb, c.thens().get(i));
      }
      if (!(c.otherwise() instanceof Expr.Literal l && l.isNullValue())) {
        sb.append(" ELSE ");
        append(sb, c.otherwise());
      }
      sb.append(" END");
    } else {
      appendCall(sb, (Expr.Call) expr);
    }
  }

  private static void appendCall(StringBuilder sb, Expr.Call call) {
    Operator op = call.op();
    List<Expr> args = call.args();
    int p = op.precedence();
    switch (op.form()) {
      case INFIX -> {
        for (int i = 0; i < args.size(); i++) {
          if (i > 0) {
            sb.append(' ').append(op.symbol()).append(' ');
          }
          Expr arg = args.get(i);
          int q = precedence(arg);
          boolean sameAssociative = op.isAssociative() && arg instanceof Expr.Call c && c.op() == op;
          boolean parens = i == 0 ? q < p || (q == p && p == 4) : q < p || (q == p && !sameAssociative);
          appendMaybeParenthesized(sb, arg, parens);
        }
      }
      case PREFIX -> {
        sb.append(op.symbol());
        Expr arg = args.get(0);
        if (op == Operator.NOT) {
          sb.append(' ');
          appendMaybeParenthesized(sb, arg, precedence(arg) < ATOM);
        } else {
          appendMaybeParenthesized(sb, arg, precedence(arg) <= p);
        }
      }
      case POSTFIX -> {
        appendMaybeParenthesized(sb, args.get(0), precedence(args.get(0)) <= p);
        sb.append(' ').append(op.symbol());
      }
      case FUNCTION -> {
        sb.append(op.symbol()).append('(');
        appendList(sb, args, 0);
        sb.append(')');
      }
      case SPECIAL -> appendSpecial(sb, op, args);
    }
  }

  private static void appendSpecial(StringBuilder sb, Operator op, List<Expr> args) {
    switch (op) {
      case EXTRACT_YEAR, EXTRACT_MONTH, EXTRACT_DAY -> {
        sb.append("EXTRACT(").append(op.symbol()).append(" FROM ");
        append(sb, args.get(0));
        sb.append(')');
      }
      case LIKE, NOT_LIKE -> {
        appendOperand(sb, args.get(0));
        sb.append(' ').append(op.symbol()).append(' ');
        appendOperand(sb, args.get(1));
        if (args.size() > 2) {
          sb.append(" ESCAPE ");
          appendOperand(sb, args.get(2));
        }
      }
      case IN -> {
        appendOperand(sb, args.get(0));
        sb.append(" IN (");
        appendList(sb, args, 1);
        sb.append(')');
      }
      case BETWEEN -> {
        appendOperand(sb, args.get(0));
        sb.append(" BETWEEN ");
        appendOperand(sb, args.get(1));
        sb.append(" AND ");
        appendOperand(sb, args.get(2));
      }
      default -> throw new IllegalStateException("not a special form: " + op);
    }
  }

  /** An operand of a comparison-level form: parenthesized unless it binds tighter than comparisons. */
  private static void appendOperand(StringBuilder sb, Expr arg) {
    appendMaybeParenthesized(sb, arg, precedence(arg) <= 4);
  }

  private static void appendList(StringBuilder sb, List<Expr> args, int from) {
    for (int i = from; i < args.size(); i++) {
      if (i > from) {
        sb.append(", ");
      }
      append(sb, args.get(i));
    }
  }

  private static void appendMaybeParenthesized(StringBuilder sb, Expr expr, boolean parens) {
    if (parens) {
      sb.append('(');
    }
    append(sb, expr);
    if (parens) {
      sb.append(')');
    }
  }

  private static int precedence(Expr expr) {
    if (expr instanceof Expr.Call call) {
      return call.op().precedence();
    } else if (expr instanceof Expr.Literal l && l.value() instanceof Number n && n.doubleValue() < 0) {
      return 7;
    } else if (expr instanceof Expr.Literal l && l.value() instanceof String s && s.startsWith("-")
        && l.type() instanceof ArrowType.Decimal) {
      return 7;
    }
    return ATOM;
  }

  private static void appendLiteral(StringBuilder sb, Expr.Literal literal) {
    Object v = literal.value();
    ArrowType type = literal.type();
    if (v == null) {
      sb.append("NULL");
    } else if (type instanceof ArrowType.Utf8) {
      sb.append('\'').append(((String) v).replace("'", "''")).append('\'');
    } else if (type instanceof ArrowType.Date) {
      sb.append("DATE '").append(LocalDate.ofEpochDay((Long) v)).append('\'');
    } else if (type instanceof ArrowType.Bool) {
      sb.append((Boolean) v ? "TRUE" : "FALSE");
    } else if (type instanceof ArrowType.FloatingPoint) {
      String s = v.toString();
      sb.append(s.contains("E") || s.contains("N") || s.contains("I") ? s : s + "E0");
    } else {
      sb.append(v);
    }
  }
}
