package io.gleam.sql.catalog;

import static java.util.Objects.requireNonNull;

/**
 * A table whose rows Gleam keeps itself (from {@code CREATE TABLE} without a path or {@code CREATE TABLE ... AS}):
 * Arrow batches held in memory by {@link ManagedTables} and registered with the connectors' in-process table
 * registry as {@code tableId}; the catalog holds only its description and an estimate of its size.
 *
 * @param estimatedRows the number of rows the planner assumes, not negative
 * @param tableId the id a scan names the table's batches by; empty when no batches are bound to it
 */
public record ManagedTableSource(long estimatedRows, String tableId) implements TableSource {
  public ManagedTableSource {
    if (estimatedRows < 0) {
      throw new IllegalArgumentException("estimatedRows must not be negative, got " + estimatedRows);
    }
    requireNonNull(tableId, "tableId is null");
  }

  /** A managed table of about {@code estimatedRows} rows not bound to any batches yet. */
  public ManagedTableSource(long estimatedRows) {
    this(estimatedRows, "");
  }

  /** Returns a copy with another row estimate, for when the table's rows change. */
  public ManagedTableSource withEstimatedRows(long rows) {
    return new ManagedTableSource(rows, tableId);
  }

  @Override
  public String describe() {
    return "managed rows~" + estimatedRows;
  }
}
