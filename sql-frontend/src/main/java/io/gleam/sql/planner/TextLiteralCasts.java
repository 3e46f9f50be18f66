package io.gleam.sql.planner;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.validate.SqlValidator;

/**
 * Rejects, at validation, a text literal cast to a number, a DATE or a BOOLEAN that it cannot be: {@code 'a' + 1}
 * (which type coercion makes {@code CAST('a' AS INTEGER) + 1}) fails with
 * {@code SQL error at line 1, column 8: cannot convert 'a' to INTEGER} instead of when the query runs. Explicit
 * casts ({@code CAST('x' AS DATE)}) are checked the same way.
 */
final class TextLiteralCasts {
  private static final Pattern DATE = Pattern.compile("\\s*(\\d{1,4})-(\\d{1,2})-(\\d{1,2})\\s*");

  private TextLiteralCasts() {}

  /** Checks every cast of a text literal in a validated query. */
  static void check(SqlValidator validator, SqlNode validated) {
    validated.accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlCall call) {
        if (call.getKind() == SqlKind.CAST && call.operandCount() >= 1
            && call.operand(0) instanceof SqlCharStringLiteral literal) {
          RelDataType type = validator.getValidatedNodeTypeIfKnown(call);
          if (type != null) {
            checkCast(literal, type);
          }
        }
        return super.visit(call);
      }
    });
  }

  private static void checkCast(SqlCharStringLiteral literal, RelDataType type) {
    String text = literal.getValueAs(String.class);
    if (convertible(text, type)) {
      return;
    }
    SqlParserPos pos = literal.getParserPosition();
    throw GleamException.user(ErrorCode.INVALID_FLOW, "SQL error at line %d, column %d: cannot convert '%s' to %s",
        pos.getLineNum(), pos.getColumnNum(), text, type.getSqlTypeName());
  }

  private static boolean convertible(String text, RelDataType type) {
    if (SqlTypeUtil.isNumeric(type)) {
      try {
        new BigDecimal(text.trim());
        return true;
      } catch (NumberFormatException e) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return SqlTypeUtil.isApproximateNumeric(type) && (t.equals("nan") || t.matches("[+-]?infinity"));
      }
    }
    switch (type.getSqlTypeName()) {
      case DATE:
        Matcher m = DATE.matcher(text);
        if (!m.matches()) {
          return false;
        }
        try {
          LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
          return true;
        } catch (DateTimeException e) {
          return false;
        }
      case BOOLEAN:
        String b = text.trim().toLowerCase(Locale.ROOT);
        return b.equals("true") || b.equals("false") || b.equals("unknown");
      default:
        return true;
    }
  }
}
