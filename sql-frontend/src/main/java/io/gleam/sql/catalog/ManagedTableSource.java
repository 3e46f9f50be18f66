package io.gleam.sql.catalog;

/**
 * A table whose rows Gleam keeps itself (in memory, from {@code CREATE TABLE} without a path or {@code CREATE TABLE
 * ... AS}); the catalog holds only its description and an estimate of its size.
 *
 * @param estimatedRows the number of rows the planner assumes, not negative
 */
public record ManagedTableSource(long estimatedRows) implements TableSource {
  public ManagedTableSource {
    if (estimatedRows < 0) {
      throw new IllegalArgumentException("estimatedRows must not be negative, got " + estimatedRows);
    }
  }

  /** Returns a copy with another row estimate, for when the table's rows change. */
  public ManagedTableSource withEstimatedRows(long rows) {
    return new ManagedTableSource(rows);
  }

  @Override
  public String describe() {
    return "managed rows~" + estimatedRows;
  }
}
