package io.gleam.planner.fn;

import io.gleam.planner.Row;

/** A Java filter step: keeps the rows for which it returns true. */
@FunctionalInterface
public interface RowPredicate {
  boolean test(Row row);
}
