package io.gleam.sql.parser;

import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.runtime.CalciteException;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Makes the exception a statement's constructor throws for a problem the grammar cannot see (a duplicate option,
 * an unknown function language). The generated parser turns it into a {@code SqlParseException} at that position.
 */
final class SyntaxErrors {
  private SyntaxErrors() {}

  static CalciteContextException at(SqlParserPos pos, String format, Object... args) {
    String message = String.format(format, args);
    return new CalciteContextException(message, new CalciteException(message, null),
        pos.getLineNum(), pos.getColumnNum(), pos.getEndLineNum(), pos.getEndColumnNum());
  }
}
