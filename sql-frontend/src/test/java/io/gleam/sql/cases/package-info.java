/**
 * File-driven SQL cases: {@code .slt} files under {@code src/test/resources/sqlcases/} (statements, queries with
 * their expected rows, expected errors), the runner that plays them against a fresh session, and the generator
 * that fills expected rows from DuckDB. The format is described in {@code sqlcases/README.md}.
 */
package io.gleam.sql.cases;
