/**
 * The Gleam JDBC driver: one Avatica {@code Meta} over an engine {@link io.gleam.sql.engine.SqlSession}, used
 * in-process by the embedded driver ({@code jdbc:gleam:local}, {@code jdbc:gleam:local:/catalog/dir}).
 */
package io.gleam.jdbc;
