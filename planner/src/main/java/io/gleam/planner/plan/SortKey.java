package io.gleam.planner.plan;

import static java.util.Objects.requireNonNull;

/** One column of a sort order. NULLs sort last ascending and first descending unless {@code nulls} says so. */
public record SortKey(int column, Direction direction, NullOrder nulls) {
  /** Sort direction. */
  public enum Direction { ASC, DESC }

  /** Where NULLs go. */
  public enum NullOrder { FIRST, LAST }

  public SortKey {
    requireNonNull(direction, "direction is null");
    requireNonNull(nulls, "nulls is null");
    if (column < 0) {
      throw new IllegalArgumentException("column is negative: " + column);
    }
  }

  public static SortKey asc(int column) {
    return new SortKey(column, Direction.ASC, NullOrder.LAST);
  }

  public static SortKey desc(int column) {
    return new SortKey(column, Direction.DESC, NullOrder.FIRST);
  }

  @Override
  public String toString() {
    return "$" + column + (direction == Direction.DESC ? " DESC" : "");
  }
}
