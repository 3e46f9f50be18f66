package io.gleam.sql.lower;

import io.gleam.planner.spi.ColumnRange;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.DateString;

/**
 * The column ranges a filter over a file scan implies, for the reader to drop rows early (see {@link ColumnRange}):
 * every top-level conjunct that compares a column of an integer, date or decimal type with a literal
 * ({@code l_shipdate >= DATE '1994-01-01'}, {@code l_quantity < 24}, and the single ranges Calcite folds into
 * {@code SEARCH}). Literals that do not convert exactly to the column's long form (a decimal with more fraction
 * digits than the column's scale) give no range; the query's filter still applies in full either way.
 */
final class ScanRanges {
  private ScanRanges() {}

  /** The ranges of {@code condition}, whose input references are columns of {@code schema}; one per column. */
  static List<ColumnRange> of(RexNode condition, Schema schema, RexBuilder rexBuilder) {
    Map<Integer, ColumnRange> ranges = new TreeMap<>();
    RexNode expanded = RexUtil.expandSearch(rexBuilder, null, condition);
    for (RexNode conjunct : RelOptUtil.conjunctions(expanded)) {
      if (!(conjunct instanceof RexCall call) || call.getOperands().size() != 2) {
        continue;
      }
      SqlKind kind = call.getKind();
      RexNode left = call.getOperands().get(0);
      RexNode right = call.getOperands().get(1);
      if (left instanceof RexLiteral && right instanceof RexInputRef) {
        RexNode swap = left;
        left = right;
        right = swap;
        kind = kind.reverse();
      }
      if (!(left instanceof RexInputRef ref) || !(right instanceof RexLiteral literal) || literal.isNull()) {
        continue;
      }
      OptionalLong value = asLong(literal, schema.getFields().get(ref.getIndex()).getType());
      if (value.isEmpty()) {
        continue;
      }
      long v = value.getAsLong();
      ColumnRange range = switch (kind) {
        case EQUALS -> new ColumnRange(ref.getIndex(), v, v);
        case GREATER_THAN -> v == Long.MAX_VALUE ? null : new ColumnRange(ref.getIndex(), v + 1, Long.MAX_VALUE);
        case GREATER_THAN_OR_EQUAL -> new ColumnRange(ref.getIndex(), v, Long.MAX_VALUE);
        case LESS_THAN -> v == Long.MIN_VALUE ? null : new ColumnRange(ref.getIndex(), Long.MIN_VALUE, v - 1);
        case LESS_THAN_OR_EQUAL -> new ColumnRange(ref.getIndex(), Long.MIN_VALUE, v);
        default -> null;
      };
      if (range != null) {
        ranges.merge(ref.getIndex(), range, ColumnRange::intersect);
      }
    }
    return new ArrayList<>(ranges.values());
  }

  /** The literal as the column holds it in a long, if it converts exactly. */
  private static OptionalLong asLong(RexLiteral literal, ArrowType type) {
    try {
      if (type instanceof ArrowType.Date d && d.getUnit() == org.apache.arrow.vector.types.DateUnit.DAY) {
        DateString date = literal.getValueAs(DateString.class);
        return date == null ? OptionalLong.empty() : OptionalLong.of(date.getDaysSinceEpoch());
      }
      if (!(literal.getValue() instanceof BigDecimal number)) {
        return OptionalLong.empty();
      }
      if (type instanceof ArrowType.Int i && i.getIsSigned() && (i.getBitWidth() == 32 || i.getBitWidth() == 64)) {
        return OptionalLong.of(number.longValueExact());
      }
      if (type instanceof ArrowType.Decimal d && d.getPrecision() <= 18) {
        return OptionalLong.of(number.setScale(d.getScale()).unscaledValue().longValueExact());
      }
    } catch (ArithmeticException | ClassCastException e) {
      return OptionalLong.empty();
    }
    return OptionalLong.empty();
  }
}
