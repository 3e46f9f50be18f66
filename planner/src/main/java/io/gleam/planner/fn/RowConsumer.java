package io.gleam.planner.fn;

import io.gleam.planner.Row;

/** A per-row callback sink. Called from one thread at a time. */
@FunctionalInterface
public interface RowConsumer {
  void accept(Row row);
}
