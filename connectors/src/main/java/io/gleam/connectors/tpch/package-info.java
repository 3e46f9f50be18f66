/**
 * TPC-H data generated on the fly as Arrow batches: the eight tables and their schemas ({@link
 * io.gleam.connectors.tpch.TpchTables}) and a sharded source over the dbgen-compatible generators of
 * {@code io.trino.tpch} ({@link io.gleam.connectors.tpch.TpchSource}). Rows are identical to those of the reference
 * {@code dbgen} at the same scale factor, whatever the shard count.
 */
package io.gleam.connectors.tpch;
