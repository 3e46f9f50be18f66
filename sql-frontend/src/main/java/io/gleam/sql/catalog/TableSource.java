package io.gleam.sql.catalog;

/**
 * Where the rows of a {@link GleamTable} come from: generated TPC-H data, files, or a table Gleam keeps itself. The
 * lowering of a table scan turns it into a Gleam source.
 */
public sealed interface TableSource permits TpchTableSource, FileTableSource, ManagedTableSource {
  /** A short description for plans and catalog listings, e.g. {@code tpch lineitem sf=0.01}. */
  String describe();
}
