package io.gleam.exec.operator;

/** A row-at-a-time view of an operator's output: values as in {@link io.gleam.planner.Row}. */
public interface RowStream {
  /** The next row, or null at the end. The caller may keep the array. */
  Object[] nextRow();
}
