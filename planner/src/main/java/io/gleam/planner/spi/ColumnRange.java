package io.gleam.planner.spi;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;

/**
 * The values of one column a query keeps, which a source may use to drop rows before it decodes the rest of them:
 * a row whose value lies outside {@code [low, high]}, or is NULL, is not wanted. Values are the column's as a long:
 * integers as they are, dates as days since the epoch, decimals as their unscaled value. These are all discrete, so
 * every bound is inclusive ({@code x < 24} on a {@code decimal(15,2)} is {@code high = 2399}); an open end is
 * {@code Long.MIN_VALUE} or {@code Long.MAX_VALUE}.
 *
 * <p>A hint, not a filter: the query still applies its whole condition, and a source that cannot use a range (or a
 * value it cannot compare) keeps the row.
 *
 * @param column the column's index in the source's schema
 */
public record ColumnRange(int column, long low, long high) {
  public ColumnRange {
    if (column < 0) {
      throw new GleamException(ErrorCode.INTERNAL, "range on column " + column);
    }
  }

  /** This range narrowed to the values {@code other} also keeps (the same column). */
  public ColumnRange intersect(ColumnRange other) {
    return new ColumnRange(column, Math.max(low, other.low), Math.min(high, other.high));
  }
}
