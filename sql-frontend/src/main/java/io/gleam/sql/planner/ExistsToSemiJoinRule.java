package io.gleam.sql.planner;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelVisitor;
import org.apache.calcite.rel.core.CorrelationId;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexCorrelVariable;
import org.apache.calcite.rex.RexFieldAccess;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.tools.RelBuilder;

/**
 * Turns an {@code EXISTS} or {@code NOT EXISTS} conjunct of a filter into a semi-join or an anti-join when the
 * sub-query is a filter over an input that does not refer to the outer query: the filter's correlated conjuncts
 * become the join condition, with the outer columns they name as the join's left side; its other conjuncts stay on
 * the right input.
 *
 * <pre>
 * Filter(EXISTS(Filter(l2.l_orderkey = $cor0.l_orderkey AND l2.l_suppkey &lt;&gt; $cor0.l_suppkey, lineitem l2)))
 *   outer
 * =&gt;
 * Join(SEMI, l2.l_orderkey = outer.l_orderkey AND l2.l_suppkey &lt;&gt; outer.l_suppkey, outer, lineitem l2)
 * </pre>
 *
 * <p>Calcite's sub-query removal and decorrelation handle such a sub-query too, but a correlation that is not an
 * equality (TPC-H Q21's {@code l2.l_suppkey <> l1.l_suppkey}) makes the decorrelator join the whole outer query a
 * second time to enumerate the correlation values. {@code EXISTS} is never unknown, so a top-level conjunct is
 * exactly a semi-join and its negation exactly an anti-join. The rule leaves any other shape (an aggregate or a
 * limit in the sub-query, correlation below its top filter, a nested sub-query there) to the standard rules.
 */
public final class ExistsToSemiJoinRule extends RelRule<GleamRuleConfig> {

  ExistsToSemiJoinRule(GleamRuleConfig config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    Filter filter = call.rel(0);
    List<RexNode> conjuncts = RelOptUtil.conjunctions(filter.getCondition());
    for (int i = 0; i < conjuncts.size(); i++) {
      Optional<SemiJoin> semiJoin = semiJoin(filter, conjuncts.get(i));
      if (semiJoin.isEmpty()) {
        continue;
      }
      List<RexNode> rest = new ArrayList<>(conjuncts);
      rest.remove(i);
      RelBuilder builder = call.builder();
      builder.push(filter.getInput())
          .push(semiJoin.get().right())
          .join(semiJoin.get().type(), semiJoin.get().condition())
          .filter(RexUtil.SubQueryFinder.find(rest) == null ? Set.of() : filter.getVariablesSet(), rest);
      call.transformTo(builder.build());
      return;
    }
  }

  /** A semi-join or anti-join of the filter's input with {@code right} on {@code condition}. */
  private record SemiJoin(JoinRelType type, RelNode right, RexNode condition) {}

  private static Optional<SemiJoin> semiJoin(Filter filter, RexNode conjunct) {
    JoinRelType type = JoinRelType.SEMI;
    RexNode e = conjunct;
    if (e.getKind() == SqlKind.NOT) {
      type = JoinRelType.ANTI;
      e = ((RexCall) e).getOperands().get(0);
    }
    if (!(e instanceof RexSubQuery subQuery) || subQuery.getKind() != SqlKind.EXISTS) {
      return Optional.empty();
    }
    RelNode rel = subQuery.rel;
    while (rel instanceof Project project && !usesCorrelation(project.getProjects())) {
      rel = project.getInput(); // EXISTS ignores the select list
    }
    if (!(rel instanceof Filter inner) || usesCorrelation(inner.getInput())
        || RexUtil.SubQueryFinder.find(inner.getCondition()) != null) {
      return Optional.empty();
    }
    RelNode outer = filter.getInput();
    int outerFieldCount = outer.getRowType().getFieldCount();
    Set<CorrelationId> outerIds = filter.getVariablesSet();
    List<RexNode> correlated = new ArrayList<>();
    List<RexNode> local = new ArrayList<>();
    for (RexNode c : RelOptUtil.conjunctions(inner.getCondition())) {
      (usesCorrelation(List.of(c)) ? correlated : local).add(c);
    }
    if (correlated.isEmpty()) {
      return Optional.empty(); // uncorrelated EXISTS: the standard rules make it a cheap cross join with one row
    }
    JoinConditionShuttle toJoinCondition = new JoinConditionShuttle(outer, outerIds);
    List<RexNode> joinConditions = new ArrayList<>();
    for (RexNode c : correlated) {
      joinConditions.add(c.accept(toJoinCondition));
    }
    if (toJoinCondition.failed) {
      return Optional.empty();
    }
    RexNode condition = RexUtil.composeConjunction(filter.getCluster().getRexBuilder(), joinConditions);
    RelNode right = local.isEmpty()
        ? inner.getInput()
        : inner.copy(inner.getTraitSet(), inner.getInput(),
            RexUtil.composeConjunction(filter.getCluster().getRexBuilder(), local));
    return Optional.of(new SemiJoin(type, right, condition));
  }

  /**
   * Rewrites a correlated condition of the sub-query as a join condition: the sub-query's columns move right by the
   * outer input's width, and {@code $cor.field} becomes the outer input's column. Anything else that refers to a
   * correlation variable sets {@link #failed}.
   */
  private static final class JoinConditionShuttle extends RexShuttle {
    private final RelNode outer;
    private final Set<CorrelationId> outerIds;
    private boolean failed;

    JoinConditionShuttle(RelNode outer, Set<CorrelationId> outerIds) {
      this.outer = outer;
      this.outerIds = outerIds;
    }

    @Override
    public RexNode visitInputRef(RexInputRef ref) {
      return new RexInputRef(ref.getIndex() + outer.getRowType().getFieldCount(), ref.getType());
    }

    @Override
    public RexNode visitFieldAccess(RexFieldAccess access) {
      if (access.getReferenceExpr() instanceof RexCorrelVariable variable
          && outerIds.contains(variable.id)
          && variable.getType().getFieldCount() == outer.getRowType().getFieldCount()) {
        int index = access.getField().getIndex();
        return new RexInputRef(index, outer.getRowType().getFieldList().get(index).getType());
      }
      failed = true;
      return access;
    }

    @Override
    public RexNode visitCorrelVariable(RexCorrelVariable variable) {
      failed = true;
      return variable;
    }
  }

  /** Whether any of {@code expressions}, or a sub-query in them, refers to a correlation variable. */
  private static boolean usesCorrelation(List<RexNode> expressions) {
    boolean[] found = {false};
    RexShuttle finder = new RexShuttle() {
      @Override
      public RexNode visitCorrelVariable(RexCorrelVariable variable) {
        found[0] = true;
        return variable;
      }

      @Override
      public RexNode visitSubQuery(RexSubQuery subQuery) {
        found[0] |= usesCorrelation(subQuery.rel);
        return super.visitSubQuery(subQuery);
      }
    };
    for (RexNode e : expressions) {
      e.accept(finder);
    }
    return found[0];
  }

  /** Whether any expression in the tree under {@code rel} refers to a correlation variable. */
  private static boolean usesCorrelation(RelNode rel) {
    boolean[] found = {false};
    new RelVisitor() {
      @Override
      public void visit(RelNode node, int ordinal, RelNode parent) {
        if (found[0]) {
          return;
        }
        node.accept(new RexShuttle() {
          @Override
          public RexNode visitCorrelVariable(RexCorrelVariable variable) {
            found[0] = true;
            return variable;
          }

          @Override
          public RexNode visitSubQuery(RexSubQuery subQuery) {
            found[0] |= usesCorrelation(subQuery.rel);
            return super.visitSubQuery(subQuery);
          }
        });
        super.visit(node, ordinal, parent);
      }
    }.go(rel);
    return found[0];
  }

  /** Over a {@link Filter} whose condition has a sub-query. */
  static final GleamRuleConfig DEFAULT = GleamRuleConfig.of("ExistsToSemiJoinRule",
      b -> b.operand(Filter.class).predicate(RexUtil.SubQueryFinder::containsSubQuery).anyInputs(),
      ExistsToSemiJoinRule::new);
}
