/** The Gleam flow model and its Java fluent API: {@link io.gleam.planner.Flow} and {@link io.gleam.planner.Dataset}. */
package io.gleam.planner;
