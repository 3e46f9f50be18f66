package io.gleam.planner.plan;

/** Built-in aggregate functions. */
public enum AggFunction { SUM, COUNT, MIN, MAX, AVG }
