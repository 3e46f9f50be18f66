package io.gleam.sql.planner;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.runtime.CalciteException;

/**
 * Turns Calcite's validation exceptions into {@link GleamException}s with code {@link ErrorCode#INVALID_FLOW}, e.g.
 * {@code SQL error at line 1, column 15: Object 'lineitems' not found}, keeping Calcite's as the cause.
 */
final class ValidationErrors {
  private ValidationErrors() {}

  static GleamException of(CalciteContextException e) {
    String message = e.getCause() != null && e.getCause().getMessage() != null
        ? e.getCause().getMessage()
        : e.getMessage();
    return new GleamException(ErrorCode.INVALID_FLOW,
        "SQL error at line " + e.getPosLine() + ", column " + e.getPosColumn() + ": " + message, e);
  }

  static GleamException of(CalciteException e) {
    return new GleamException(ErrorCode.INVALID_FLOW, "SQL error: " + e.getMessage(), e);
  }
}
