package io.gleam.exec.operator;

/** A row-at-a-time view of an operator's output: values as in {@link io.gleam.planner.Row}. */
public interface RowStream {
  /** The next row, or null at the end. The caller may keep the array. */
  Object[] nextRow();

  /**
   * Reads up to {@code max} rows into {@code out} from index 0; returns how many, 0 only at the end. The caller may
   * keep the arrays. Streams that make rows in bursts (a flatMap) override it to hand them over without a queue.
   */
  default int nextRows(Object[][] out, int max) {
    int n = 0;
    Object[] row;
    while (n < max && (row = nextRow()) != null) {
      out[n++] = row;
    }
    return n;
  }
}
