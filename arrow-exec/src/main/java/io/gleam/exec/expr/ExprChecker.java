package io.gleam.exec.expr;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.planner.Schemas;
import io.gleam.planner.expr.Expr;
import io.gleam.planner.expr.ExprTypes;
import io.gleam.planner.expr.Operator;
import java.util.List;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The typing rules of expressions, shared by the compiler and the interpreter: which argument types each operator
 * takes, which types widen implicitly to which (int to bigint, integers to decimals and doubles, decimals to other
 * scales and to doubles), which casts exist, and the type two values are compared in.
 */
final class ExprChecker {
  /** How a value of a supported type is held while computing. */
  enum Kind { BOOL, LONG, DOUBLE, DECIMAL, STRING, DATE, OTHER }

  private ExprChecker() {}

  static Kind kind(ArrowType type) {
    if (!ExprTypes.isSupported(type)) {
      return Kind.OTHER;
    } else if (type instanceof ArrowType.Bool) {
      return Kind.BOOL;
    } else if (type instanceof ArrowType.Int) {
      return Kind.LONG;
    } else if (type instanceof ArrowType.FloatingPoint) {
      return Kind.DOUBLE;
    } else if (type instanceof ArrowType.Decimal) {
      return Kind.DECIMAL;
    } else if (type instanceof ArrowType.Utf8) {
      return Kind.STRING;
    }
    return Kind.DATE;
  }

  static int scale(ArrowType type) {
    return type instanceof ArrowType.Decimal d ? d.getScale() : 0;
  }

  static boolean isInt32(ArrowType type) {
    return type instanceof ArrowType.Int i && i.getBitWidth() == 32;
  }

  /** Whether a value of type {@code from} converts to {@code to} without a CAST. */
  static boolean widens(ArrowType from, ArrowType to) {
    Kind f = kind(from);
    Kind t = kind(to);
    if (f == Kind.OTHER || t == Kind.OTHER) {
      return false;
    } else if (f == Kind.LONG && t == Kind.LONG) {
      return !isInt32(to) || isInt32(from);
    } else if (t == Kind.DOUBLE) {
      return f == Kind.LONG || f == Kind.DECIMAL || f == Kind.DOUBLE;
    } else if (t == Kind.DECIMAL) {
      return f == Kind.LONG || f == Kind.DECIMAL;
    }
    return f == t;
  }

  /** Whether {@code CAST(from AS to)} is defined. */
  static boolean casts(ArrowType from, ArrowType to) {
    Kind f = kind(from);
    Kind t = kind(to);
    if (f == Kind.OTHER || t == Kind.OTHER) {
      return false;
    } else if (f == t || f == Kind.STRING || t == Kind.STRING) {
      return true;
    }
    return isNumeric(f) && isNumeric(t);
  }

  static boolean isNumeric(Kind kind) {
    return kind == Kind.LONG || kind == Kind.DOUBLE || kind == Kind.DECIMAL;
  }

  /**
   * The type two values are compared in: bigint for integers, double if either is a double, else a decimal of the
   * larger scale if either is a decimal; strings, dates and booleans only with their own kind. Empty when the
   * types do not compare.
   */
  static ArrowType comparisonType(ArrowType a, ArrowType b) {
    Kind ka = kind(a);
    Kind kb = kind(b);
    if (isNumeric(ka) && isNumeric(kb)) {
      if (ka == Kind.DOUBLE || kb == Kind.DOUBLE) {
        return ExprTypes.DOUBLE;
      } else if (ka == Kind.DECIMAL || kb == Kind.DECIMAL) {
        return ExprTypes.decimal(ExprTypes.MAX_DECIMAL_PRECISION, Math.max(scale(a), scale(b)));
      }
      return ExprTypes.BIGINT;
    }
    return ka == kb && ka != Kind.OTHER ? a : null;
  }

  /** Checks {@code expr} against the input schema; fails naming the first node that breaks a rule. */
  static void check(Expr expr, Schema input) {
    check(expr, input, true);
  }

  private static void check(Expr expr, Schema input, boolean anyType) {
    if (!anyType && kind(expr.type()) == Kind.OTHER) {
      throw bad(expr, "type " + ExprTypes.name(expr.type()) + " is not supported in expressions");
    }
    if (expr instanceof Expr.ColumnRef ref) {
      if (ref.index() >= input.getFields().size()) {
        throw bad(expr, "column $" + ref.index() + " is not in the input (" + Schemas.render(input) + ")");
      }
      ArrowType actual = input.getFields().get(ref.index()).getType();
      if (!actual.equals(ref.type())) {
        throw bad(expr, "column $" + ref.index() + " is " + ExprTypes.name(actual) + ", not "
            + ExprTypes.name(ref.type()));
      }
      return;
    } else if (expr instanceof Expr.Literal) {
      return;
    } else if (expr instanceof Expr.Cast cast) {
      check(cast.input(), input, false);
      if (!casts(cast.input().type(), cast.type())) {
        throw bad(expr, "no cast from " + ExprTypes.name(cast.input().type()) + " to "
            + ExprTypes.name(cast.type()));
      }
      return;
    } else if (expr instanceof Expr.Case c) {
      checkKind(c.type(), expr);
      for (Expr when : c.whens()) {
        check(when, input, false);
        requireType(when, Kind.BOOL, expr);
      }
      for (Expr then : c.thens()) {
        check(then, input, false);
        requireWidens(then, c.type(), expr);
      }
      check(c.otherwise(), input, false);
      requireWidens(c.otherwise(), c.type(), expr);
      return;
    }
    Expr.Call call = (Expr.Call) expr;
    Operator op = call.op();
    boolean argsOfAnyType = op == Operator.IS_NULL || op == Operator.IS_NOT_NULL;
    for (Expr arg : call.args()) {
      check(arg, input, argsOfAnyType);
    }
    checkCall(call);
  }

  private static void checkCall(Expr.Call call) {
    List<Expr> args = call.args();
    ArrowType type = call.type();
    Kind result = kind(type);
    switch (call.op()) {
      case PLUS, MINUS, MULTIPLY, DIVIDE, MOD, NEGATE, ABS -> {
        requireNumeric(call, result);
        for (Expr arg : args) {
          requireWidens(arg, type, call);
        }
      }
      case ROUND -> {
        requireNumeric(call, result);
        requireWidens(args.get(0), type, call);
        if (args.size() > 1 && !(args.get(1) instanceof Expr.Literal l && l.value() instanceof Long)) {
          throw bad(call, "ROUND digits must be an integer literal, not " + args.get(1).render());
        }
      }
      case EQUALS, NOT_EQUALS, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL, IN, BETWEEN -> {
        requireResult(call, Kind.BOOL);
        for (int i = 1; i < args.size(); i++) {
          if (comparisonType(args.get(0).type(), args.get(i).type()) == null) {
            throw bad(call, "cannot compare " + ExprTypes.name(args.get(0).type()) + " with "
                + ExprTypes.name(args.get(i).type()));
          }
        }
      }
      case AND, OR, NOT, IS_TRUE, IS_FALSE, IS_NOT_TRUE, IS_NOT_FALSE -> {
        requireResult(call, Kind.BOOL);
        for (Expr arg : args) {
          requireType(arg, Kind.BOOL, call);
        }
      }
      case IS_NULL, IS_NOT_NULL -> requireResult(call, Kind.BOOL);
      case COALESCE -> {
        checkKind(type, call);
        for (Expr arg : args) {
          requireWidens(arg, type, call);
        }
      }
      case LIKE, NOT_LIKE -> {
        requireResult(call, Kind.BOOL);
        for (Expr arg : args) {
          requireType(arg, Kind.STRING, call);
        }
      }
      case SUBSTRING -> {
        requireResult(call, Kind.STRING);
        requireType(args.get(0), Kind.STRING, call);
        for (int i = 1; i < args.size(); i++) {
          requireType(args.get(i), Kind.LONG, call);
        }
      }
      case UPPER, LOWER, TRIM, LTRIM, RTRIM, CONCAT -> {
        requireResult(call, Kind.STRING);
        for (Expr arg : args) {
          requireType(arg, Kind.STRING, call);
        }
      }
      case CHAR_LENGTH -> {
        requireResult(call, Kind.LONG);
        requireType(args.get(0), Kind.STRING, call);
      }
      case POSITION -> {
        requireResult(call, Kind.LONG);
        for (Expr arg : args) {
          requireType(arg, Kind.STRING, call);
        }
      }
      case REPLACE -> {
        requireResult(call, Kind.STRING);
        for (Expr arg : args) {
          requireType(arg, Kind.STRING, call);
        }
      }
      case EXTRACT_YEAR, EXTRACT_MONTH, EXTRACT_DAY -> {
        requireResult(call, Kind.LONG);
        requireType(args.get(0), Kind.DATE, call);
      }
      case FAIL -> {
        checkKind(type, call);
        if (!(args.get(0) instanceof Expr.Literal l && l.value() instanceof String)) {
          throw bad(call, "the message of FAIL must be a string literal, not " + args.get(0).render());
        }
      }
      case DATE_ADD_DAYS, DATE_ADD_MONTHS -> {
        requireResult(call, Kind.DATE);
        requireType(args.get(0), Kind.DATE, call);
        requireType(args.get(1), Kind.LONG, call);
      }
    }
  }

  private static void checkKind(ArrowType type, Expr expr) {
    if (kind(type) == Kind.OTHER) {
      throw bad(expr, "type " + ExprTypes.name(type) + " is not supported in expressions");
    }
  }

  private static void requireNumeric(Expr.Call call, Kind result) {
    if (!isNumeric(result)) {
      throw bad(call, call.op() + " cannot produce " + ExprTypes.name(call.type()));
    }
  }

  private static void requireResult(Expr.Call call, Kind kind) {
    if (kind(call.type()) != kind) {
      throw bad(call, call.op() + " cannot produce " + ExprTypes.name(call.type()));
    }
  }

  private static void requireType(Expr arg, Kind kind, Expr parent) {
    if (kind(arg.type()) != kind) {
      throw bad(parent, "argument " + arg.render() + " is " + ExprTypes.name(arg.type()) + ", expected "
          + kind.name().toLowerCase(java.util.Locale.ROOT));
    }
  }

  private static void requireWidens(Expr arg, ArrowType type, Expr parent) {
    if (!widens(arg.type(), type)) {
      throw bad(parent, "argument " + arg.render() + " (" + ExprTypes.name(arg.type()) + ") does not convert to "
          + ExprTypes.name(type));
    }
  }

  private static GleamException bad(Expr expr, String problem) {
    return GleamException.user(ErrorCode.INVALID_FLOW, "expression %s: %s", expr.render(), problem);
  }
}
