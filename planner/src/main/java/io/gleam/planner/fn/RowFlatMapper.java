package io.gleam.planner.fn;

import io.gleam.planner.Row;
import java.util.function.Consumer;

/** A Java flatMap step: one row in, any number of rows out through {@code out}. */
@FunctionalInterface
public interface RowFlatMapper {
  void apply(Row row, Consumer<Row> out);
}
