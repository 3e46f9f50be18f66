/**
 * Gleam's SQL planner: {@link io.gleam.sql.planner.SqlPlanner} validates a query against the catalog and optimizes
 * it into a tree of Calcite {@code Logical*} nodes ({@link io.gleam.sql.planner.PlannedQuery}) with heuristic
 * phases: sub-query removal, decorrelation, pushdown and simplification, join ordering by statistics, pruning.
 */
package io.gleam.sql.planner;
