package io.gleam.planner.plan;

/** Join types. SEMI and ANTI return left rows only. */
public enum JoinType { INNER, LEFT, RIGHT, FULL, SEMI, ANTI }
