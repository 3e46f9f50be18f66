/** The SQL engine session: statements in, results out. */
package io.gleam.sql.engine;
