package io.gleam.planner.plan;

import static java.util.Objects.requireNonNull;

/** One built-in aggregate over one input column ({@code column} is ignored by COUNT when negative: COUNT(*)). */
public record AggCall(AggFunction function, int column, String name) {
  public AggCall {
    requireNonNull(function, "function is null");
    requireNonNull(name, "name is null");
  }

  @Override
  public String toString() {
    return function + "(" + (column < 0 ? "*" : "$" + column) + ")";
  }
}
