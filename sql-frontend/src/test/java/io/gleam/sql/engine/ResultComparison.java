package io.gleam.sql.engine;

import io.gleam.planner.Row;
import io.gleam.sql.testing.ResultRows;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Compares Gleam's rows with an oracle's as {@link ResultRows} does. */
final class ResultComparison {
  private ResultComparison() {}

  /** A description of the first difference, or empty when the results agree. */
  static Optional<String> difference(List<Row> actual, List<List<Object>> expected, boolean ordered) {
    List<List<Object>> a = new ArrayList<>();
    actual.forEach(r -> a.add(new ArrayList<>(r.asList())));
    return ResultRows.difference(a, expected, ordered);
  }
}
