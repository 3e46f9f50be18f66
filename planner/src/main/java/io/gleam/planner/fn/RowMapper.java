package io.gleam.planner.fn;

import io.gleam.planner.Row;

/** A Java map step: one row in, one row out. */
@FunctionalInterface
public interface RowMapper {
  Row apply(Row row);
}
