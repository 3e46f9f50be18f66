package io.gleam.planner.plan;

/**
 * How a join brings matching rows together: PARTITIONED hash-partitions both sides by key (for two large
 * inputs); BROADCAST sends the whole right side to every partition of the left (for a small right side; the left
 * is not moved). BROADCAST supports INNER, LEFT, SEMI and ANTI joins.
 */
public enum JoinDistribution { PARTITIONED, BROADCAST }
