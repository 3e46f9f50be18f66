package io.gleam.sql.planner;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.rex.RexVisitorImpl;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;

/**
 * Pulls the conjuncts that every branch of a disjunction shares out of it, in a filter's or a join's condition:
 * {@code (a AND b) OR (a AND c)} becomes {@code a AND (b OR c)} (with {@link RexUtil#pullFactors}).
 *
 * <p>TPC-H Q19 repeats {@code p_partkey = l_partkey} in each of three branches; once it is pulled out, the join
 * pushdown rules see an equi-join instead of a cross product with a filter. The rule fires only when some
 * disjunction has a common factor, so it cannot fire twice on its own output.
 */
public final class FactorOrConditionsRule extends RelRule<GleamRuleConfig> {

  FactorOrConditionsRule(GleamRuleConfig config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    RelNode rel = call.rel(0);
    RexNode condition = condition(rel);
    if (!hasCommonFactor(condition)) {
      return;
    }
    RexNode factored = RexUtil.pullFactors(rel.getCluster().getRexBuilder(), condition);
    if (factored.equals(condition)) {
      return;
    }
    if (rel instanceof Filter filter) {
      call.transformTo(filter.copy(filter.getTraitSet(), filter.getInput(), factored));
    } else {
      Join join = (Join) rel;
      call.transformTo(join.copy(join.getTraitSet(), factored, join.getLeft(), join.getRight(),
          join.getJoinType(), join.isSemiJoinDone()));
    }
  }

  private static RexNode condition(RelNode rel) {
    return rel instanceof Filter filter ? filter.getCondition() : ((Join) rel).getCondition();
  }

  /** Whether some OR in {@code condition} has a conjunct that all its branches share. */
  static boolean hasCommonFactor(RexNode condition) {
    boolean[] found = {false};
    condition.accept(new RexVisitorImpl<Void>(true) {
      @Override
      public Void visitCall(RexCall call) {
        if (call.getKind() == SqlKind.OR && shareAConjunct(RexUtil.flattenOr(call.getOperands()))) {
          found[0] = true;
          return null;
        }
        return found[0] ? null : super.visitCall(call);
      }
    });
    return found[0];
  }

  private static boolean shareAConjunct(List<RexNode> branches) {
    Set<RexNode> common = new HashSet<>(RelOptUtil.conjunctions(branches.get(0)));
    for (RexNode branch : branches.subList(1, branches.size())) {
      common.retainAll(RelOptUtil.conjunctions(branch));
      if (common.isEmpty()) {
        return false;
      }
    }
    return true;
  }

  /** Factors the condition of a filter whose condition contains an OR. */
  static final GleamRuleConfig FILTER = GleamRuleConfig.of("FactorOrConditionsRule(Filter)",
      b -> b.operand(Filter.class).predicate(f -> containsOr(f.getCondition())).anyInputs(),
      FactorOrConditionsRule::new);

  /** Factors the condition of a join whose condition contains an OR. */
  static final GleamRuleConfig JOIN = GleamRuleConfig.of("FactorOrConditionsRule(Join)",
      b -> b.operand(Join.class).predicate(j -> containsOr(j.getCondition())).anyInputs(),
      FactorOrConditionsRule::new);

  private static boolean containsOr(RexNode condition) {
    return RexUtil.findOperatorCall(SqlStdOperatorTable.OR, condition) != null;
  }
}
