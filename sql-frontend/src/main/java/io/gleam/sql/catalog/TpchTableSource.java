package io.gleam.sql.catalog;

import static java.util.Objects.requireNonNull;

import io.gleam.connectors.tpch.TpchTables;
import java.util.Locale;

/**
 * A TPC-H table generated at a scale factor.
 *
 * @param table the lower-case TPC-H table name, one of {@link TpchTables#names()}
 * @param scaleFactor the scale factor, positive
 */
public record TpchTableSource(String table, double scaleFactor) implements TableSource {
  public TpchTableSource {
    requireNonNull(table, "table is null");
    table = table.toLowerCase(Locale.ROOT);
    if (!TpchTables.names().contains(table)) {
      throw new IllegalArgumentException("unknown TPC-H table: " + table);
    }
    if (!(scaleFactor > 0) || !Double.isFinite(scaleFactor)) {
      throw new IllegalArgumentException("scale factor must be positive and finite, got " + scaleFactor);
    }
  }

  /** The number of rows, as {@link TpchTables#rowCount} gives it. */
  public long rowCount() {
    return TpchTables.rowCount(table, scaleFactor);
  }

  @Override
  public String describe() {
    return "tpch " + table + " sf=" + scaleFactor;
  }
}
