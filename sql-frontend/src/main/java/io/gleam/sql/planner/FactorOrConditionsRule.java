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
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.rex.RexVisitorImpl;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.tools.RelBuilderFactory;

/**
 * Pulls the conjuncts that every branch of a disjunction shares out of it, in a filter's or a join's condition:
 * {@code (a AND b) OR (a AND c)} becomes {@code a AND (b OR c)} (with {@link RexUtil#pullFactors}).
 *
 * <p>TPC-H Q19 repeats {@code p_partkey = l_partkey} in each of three branches; once it is pulled out, the join
 * pushdown rules see an equi-join instead of a cross product with a filter. The rule fires only when some
 * disjunction has a common factor, so it cannot fire twice on its own output.
 */
public final class FactorOrConditionsRule extends RelRule<FactorOrConditionsRule.Config> {

  private FactorOrConditionsRule(Config config) {
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

  /**
   * Rule configuration: {@link #FILTER} matches a {@link Filter}, {@link #JOIN} a {@link Join}, each only when its
   * condition contains an OR.
   */
  public record Config(RelBuilderFactory relBuilderFactory, String description, OperandTransform operandSupplier)
      implements RelRule.Config {
    /** Factors the condition of a filter. */
    public static final Config FILTER = new Config(RelFactories.LOGICAL_BUILDER, "FactorOrConditionsRule(Filter)",
        b -> b.operand(Filter.class).predicate(f -> containsOr(f.getCondition())).anyInputs());
    /** Factors the condition of a join. */
    public static final Config JOIN = new Config(RelFactories.LOGICAL_BUILDER, "FactorOrConditionsRule(Join)",
        b -> b.operand(Join.class).predicate(j -> containsOr(j.getCondition())).anyInputs());

    @Override
    public FactorOrConditionsRule toRule() {
      return new FactorOrConditionsRule(this);
    }

    @Override
    public Config withRelBuilderFactory(RelBuilderFactory factory) {
      return new Config(factory, description, operandSupplier);
    }

    @Override
    public Config withDescription(String newDescription) {
      return new Config(relBuilderFactory, newDescription, operandSupplier);
    }

    @Override
    public Config withOperandSupplier(OperandTransform transform) {
      return new Config(relBuilderFactory, description, transform);
    }

    private static boolean containsOr(RexNode condition) {
      return RexUtil.findOperatorCall(SqlStdOperatorTable.OR, condition) != null;
    }
  }
}
