package io.gleam.exec.expr;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.planner.expr.Expr;
import io.gleam.planner.expr.ExprTypes;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * The errors evaluating an expression raises on bad data. All are {@link ErrorCode#MALFORMED_INPUT} user errors
 * whose message names the value (when there is one) and the expression as rendered for explain.
 */
final class ExprErrors {
  private ExprErrors() {}

  static GleamException divisionByZero(Expr expr) {
    return data("division by zero in expression %s", expr.render());
  }

  static GleamException overflow(Expr expr) {
    return data("numeric overflow in expression %s", expr.render());
  }

  static GleamException castFailed(Object value, ArrowType type, Expr expr) {
    return data("cannot cast '%s' to %s in expression %s", value, ExprTypes.name(type), expr.render());
  }

  static GleamException doesNotFit(Object value, ArrowType type, Expr expr) {
    return data("value %s does not fit %s in expression %s", value, ExprTypes.name(type), expr.render());
  }

  static GleamException dateOutOfRange(Expr expr) {
    return data("date out of range in expression %s", expr.render());
  }

  static GleamException negativeSubstringLength(long length, Expr expr) {
    return data("negative substring length %d in expression %s", length, expr.render());
  }

  static GleamException badLikePattern(String pattern, String escape, String problem, Expr expr) {
    return data("LIKE pattern '%s'%s: %s in expression %s", pattern,
        escape == null ? "" : " with escape '" + escape + "'", problem, expr.render());
  }

  /** What {@code FAIL(message)} raises: the message as it is. */
  static GleamException failed(String message) {
    return data("%s", message);
  }

  private static GleamException data(String format, Object... args) {
    return GleamException.user(ErrorCode.MALFORMED_INPUT, format, args);
  }
}
