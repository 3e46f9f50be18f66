package io.gleam.sql.planner;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.sql2rel.RelDecorrelator;
import org.apache.calcite.sql2rel.RelFieldTrimmer;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.tools.RuleSet;
import org.apache.calcite.tools.RuleSets;

/**
 * Optimizes a logical plan with a fixed sequence of heuristic (Hep) phases, never searching the whole plan space
 * as Calcite's cost-based Volcano planner does. The phases, in order:
 *
 * <ol>
 *   <li>{@link #SUB_QUERIES}: a top-level {@code [NOT] EXISTS} over a correlated filter becomes a semi-join or an
 *       anti-join ({@link ExistsToSemiJoinRule}); the other sub-queries (IN, EXISTS, scalar) become joins or
 *       correlates (Calcite's {@code SubQueryRemoveRule});
 *   <li>decorrelation ({@link RelDecorrelator} with {@link #DECORRELATION_RULES}): each correlate becomes a join,
 *       with the sub-query's input aggregated by the correlation columns where it has an aggregate;
 *   <li>{@link #REWRITE}: fold constants and simplify ({@link #SIMPLIFY}); push filters into and below joins,
 *       projects, aggregates and set operations ({@link #PUSH_DOWN}); derive single-input filters from
 *       disjunctions in join conditions and push them too; simplify again; then join ordering: gather each tree of
 *       inner joins into a {@code MultiJoin} bottom-up and order it greedily by row counts, selectivity and unique
 *       keys ({@code LoptOptimizeJoinRule}, as Drill and Dremio do), after the equalities that close a cycle in the
 *       join graph become a filter above it ({@link BreakJoinCyclesRule});
 *   <li>column pruning ({@link RelFieldTrimmer}), with a project above each join that drops the columns its
 *       consumer does not read ({@link JoinOutputTrimmer}), then {@link #CLEANUP}: push the filters and merge the
 *       projects that pruning and join ordering leave;
 *   <li>{@link #REDUCE_AGGREGATES}: an aggregate joined to a much smaller input first keeps only the rows whose
 *       keys that input has ({@link SemiJoinReduceAggregateRule});
 *   <li>{@link #WINDOWS}: OVER expressions into {@code LogicalWindow}s.
 * </ol>
 *
 * <p>Every phase keeps Calcite's {@code Logical*} nodes. Rule collections run to a fixed point; no rule in one
 * undoes another's work (FILTER_PROJECT_TRANSPOSE is here, PROJECT_FILTER_TRANSPOSE is not), so each ends.
 */
final class LogicalOptimizer {
  /** Rewrites sub-queries (RexSubQuery) in filters, projects and join conditions. */
  static final HepProgram SUB_QUERIES = new HepProgramBuilder()
      .addMatchOrder(HepMatchOrder.BOTTOM_UP)
      .addRuleInstance(GleamRules.EXISTS_TO_SEMI_JOIN)
      .addRuleCollection(List.of(
          CoreRules.FILTER_SUB_QUERY_TO_CORRELATE,
          CoreRules.PROJECT_SUB_QUERY_TO_CORRELATE,
          CoreRules.JOIN_SUB_QUERY_TO_CORRELATE))
      .build();

  /**
   * The decorrelator's own rules, without RemoveCorrelationForScalarAggregateRule: when the correlation columns
   * are a unique key of the outer query (TPC-H Q20's ps_partkey, ps_suppkey), that rule left-joins the outer query
   * to the sub-query's input and groups by every outer column, where the general decorrelation aggregates the
   * sub-query's input by the correlation columns and joins the result, which is cheaper.
   */
  static final RuleSet DECORRELATION_RULES = RuleSets.ofList();

  /** Constant folding and simplification, with pulled-up predicates; OR factoring. */
  static final List<RelOptRule> SIMPLIFY = List.of(
      CoreRules.FILTER_REDUCE_EXPRESSIONS,
      CoreRules.PROJECT_REDUCE_EXPRESSIONS,
      CoreRules.JOIN_REDUCE_EXPRESSIONS,
      GleamRules.FILTER_FACTOR_OR_CONDITIONS,
      GleamRules.JOIN_FACTOR_OR_CONDITIONS,
      CoreRules.FILTER_MERGE,
      CoreRules.PROJECT_MERGE,
      CoreRules.PROJECT_REMOVE);

  /** Filters into and below joins, projects, aggregates and set operations; projects merged. */
  static final List<RelOptRule> PUSH_DOWN = List.of(
      GleamRules.FILTER_FACTOR_OR_CONDITIONS,
      GleamRules.JOIN_FACTOR_OR_CONDITIONS,
      CoreRules.FILTER_INTO_JOIN,
      CoreRules.JOIN_CONDITION_PUSH,
      CoreRules.FILTER_MERGE,
      CoreRules.FILTER_PROJECT_TRANSPOSE,
      CoreRules.FILTER_AGGREGATE_TRANSPOSE,
      CoreRules.FILTER_SET_OP_TRANSPOSE,
      CoreRules.PROJECT_MERGE,
      CoreRules.PROJECT_REMOVE,
      CoreRules.AGGREGATE_PROJECT_MERGE);

  /**
   * Rewrites, then join ordering, in one planner: simplify; push down; derive single-input filters from
   * disjunctions in join conditions (Q7's nation names, Q19's part and lineitem ranges) and push them down;
   * simplify again; gather inner joins into MultiJoins bottom-up; move the equalities that close a cycle in a
   * MultiJoin's join graph to its post-join filter ({@link BreakJoinCyclesRule}); order each MultiJoin.
   */
  static final HepProgram REWRITE = new HepProgramBuilder()
      .addRuleCollection(SIMPLIFY)
      .addRuleCollection(PUSH_DOWN)
      .addRuleInstance(CoreRules.EXPAND_JOIN_DISJUNCTION_LOCAL)
      .addRuleCollection(PUSH_DOWN)
      .addRuleCollection(SIMPLIFY)
      .addMatchOrder(HepMatchOrder.BOTTOM_UP)
      .addRuleCollection(List.of(
          CoreRules.JOIN_TO_MULTI_JOIN,
          CoreRules.PROJECT_MULTI_JOIN_MERGE,
          CoreRules.FILTER_MULTI_JOIN_MERGE))
      .addRuleInstance(GleamRules.BREAK_JOIN_CYCLES)
      .addRuleInstance(CoreRules.MULTI_JOIN_OPTIMIZE)
      .build();

  /** After join ordering and pruning: merge the projects they leave. */
  static final HepProgram CLEANUP = program(HepMatchOrder.ARBITRARY, List.of(
      CoreRules.FILTER_INTO_JOIN,
      CoreRules.FILTER_PROJECT_TRANSPOSE,
      CoreRules.FILTER_MERGE,
      CoreRules.PROJECT_MERGE,
      CoreRules.PROJECT_REMOVE));

  /**
   * After join ordering: an aggregate joined to a much smaller input groups only the rows of that input's keys
   * ({@link SemiJoinReduceAggregateRule}).
   */
  static final HepProgram REDUCE_AGGREGATES = program(HepMatchOrder.BOTTOM_UP, List.of(
      GleamRules.SEMI_JOIN_REDUCE_AGGREGATE));

  /**
   * Last: each project with OVER expressions becomes a {@code LogicalWindow} (one group per window spec) under a
   * project, the form the lowering runs.
   */
  static final HepProgram WINDOWS = program(HepMatchOrder.BOTTOM_UP, List.of(
      CoreRules.PROJECT_TO_LOGICAL_PROJECT_AND_WINDOW));

  private final RelBuilder relBuilder;

  LogicalOptimizer(RelBuilder relBuilder) {
    this.relBuilder = requireNonNull(relBuilder, "relBuilder is null");
  }

  RelNode optimize(RelNode logical) {
    RelNode rel = run(SUB_QUERIES, logical);
    rel = RelDecorrelator.decorrelateQuery(rel, relBuilder, DECORRELATION_RULES);
    rel = run(REWRITE, rel);
    rel = new JoinOutputTrimmer(relBuilder).trim(rel);
    rel = run(CLEANUP, rel);
    rel = run(REDUCE_AGGREGATES, rel);
    return run(WINDOWS, rel);
  }

  private static RelNode run(HepProgram program, RelNode rel) {
    HepPlanner planner = new HepPlanner(program);
    planner.setRoot(rel);
    return planner.findBestExp();
  }

  private static HepProgram program(HepMatchOrder order, List<RelOptRule> rules) {
    return new HepProgramBuilder().addMatchOrder(order).addRuleCollection(rules).build();
  }
}
