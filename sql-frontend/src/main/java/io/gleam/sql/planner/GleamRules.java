package io.gleam.sql.planner;

/** Gleam's own planner rules, as instances ready to add to a program (Calcite's are in {@code CoreRules}). */
public final class GleamRules {
  private GleamRules() {}

  /** Makes a top-level EXISTS or NOT EXISTS over a correlated filter a semi-join or an anti-join. */
  public static final ExistsToSemiJoinRule EXISTS_TO_SEMI_JOIN =
      new ExistsToSemiJoinRule(ExistsToSemiJoinRule.DEFAULT);

  /** Pulls conjuncts shared by every branch of an OR out of it, in a filter's condition. */
  public static final FactorOrConditionsRule FILTER_FACTOR_OR_CONDITIONS =
      new FactorOrConditionsRule(FactorOrConditionsRule.FILTER);

  /** Pulls conjuncts shared by every branch of an OR out of it, in a join's condition. */
  public static final FactorOrConditionsRule JOIN_FACTOR_OR_CONDITIONS =
      new FactorOrConditionsRule(FactorOrConditionsRule.JOIN);

  /**
   * Moves the equalities that close a cycle in an inner MultiJoin's join graph (Q5's {@code c_nationkey =
   * s_nationkey}) to its post-join filter, so join ordering follows the key joins.
   */
  public static final BreakJoinCyclesRule BREAK_JOIN_CYCLES =
      new BreakJoinCyclesRule(BreakJoinCyclesRule.DEFAULT);

  /** Filters an aggregate's input by the keys of the much smaller side it is joined to. */
  public static final SemiJoinReduceAggregateRule SEMI_JOIN_REDUCE_AGGREGATE =
      new SemiJoinReduceAggregateRule(SemiJoinReduceAggregateRule.DEFAULT);
}
