package io.gleam.planner.plan;

/**
 * Functions a window step computes over the rows of a window partition. Ranking functions (ROW_NUMBER, RANK,
 * DENSE_RANK, NTILE) and offsets (LAG, LEAD) ignore the frame; the others are computed over each row's frame.
 */
public enum WindowFunction {
  ROW_NUMBER, RANK, DENSE_RANK, NTILE, LAG, LEAD, FIRST_VALUE, LAST_VALUE, SUM, COUNT, MIN, MAX;

  /** Whether the function reads the frame (rather than the partition's order alone). */
  public boolean usesFrame() {
    return switch (this) {
      case ROW_NUMBER, RANK, DENSE_RANK, NTILE, LAG, LEAD -> false;
      case FIRST_VALUE, LAST_VALUE, SUM, COUNT, MIN, MAX -> true;
    };
  }
}
