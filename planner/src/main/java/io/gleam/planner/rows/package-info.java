/** Conversions between Arrow vectors and the Java values of {@link io.gleam.planner.Row}. */
package io.gleam.planner.rows;
