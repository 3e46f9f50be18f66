/**
 * Gleam's SQL catalog: the {@link io.gleam.sql.catalog.Catalog} root schema with the generated {@code tpch} schema
 * and the user's {@code main} schema, the {@link io.gleam.sql.catalog.GleamTable} and
 * {@link io.gleam.sql.catalog.GleamView} a query reads, where a table's rows come from
 * ({@link io.gleam.sql.catalog.TableSource}), and Arrow ↔ SQL type conversion
 * ({@link io.gleam.sql.catalog.TypeMapping}).
 */
package io.gleam.sql.catalog;
