/**
 * Test fixtures shared with the modules above sql-frontend through its test jar: TPC-H tables written as CSV files,
 * DuckDB loaded from the same files, and comparing result rows with an oracle's.
 */
package io.gleam.sql.testing;
