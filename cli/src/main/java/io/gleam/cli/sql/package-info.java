/** {@code gleam sql}: a console on the embedded JDBC driver, or a non-interactive runner with formatted output. */
package io.gleam.cli.sql;
