package io.gleam.planner.fn;

import io.gleam.planner.Row;

/**
 * A Java reducer for reduceByKey: combines the value columns of two rows with the same key. It must be
 * associative and commutative, since Gleam applies it in partial and final aggregation.
 */
@FunctionalInterface
public interface RowReducer {
  Row reduce(Row left, Row right);
}
