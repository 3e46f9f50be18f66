/**
 * Gleam's SQL parser: Calcite's grammar extended with Gleam's statements ({@code CREATE TABLE ... WITH (...)},
 * {@code CREATE FUNCTION ... LANGUAGE LUA | PIPE}, {@code DROP}, {@code SHOW}, a shorter {@code EXPLAIN}), the
 * {@code SqlNode} classes those statements parse to, and the {@link io.gleam.sql.parser.GleamSqlParser} facade.
 *
 * <p>The parser itself, {@code io.gleam.sql.parser.impl.GleamSqlParserImpl}, is generated at build time from the
 * {@code Parser.jj} template in the calcite-core jar and {@code src/main/codegen}.
 */
package io.gleam.sql.parser;
