package io.gleam.sql.planner;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.tools.RelBuilder;

/**
 * Filters an aggregate's input by the keys it is joined to, when the other side of the join is much smaller:
 * {@code L JOIN (SELECT g, agg FROM R GROUP BY g) ON L.k = g} becomes {@code L JOIN (SELECT g, agg FROM (R SEMI
 * JOIN L ON R.g = L.k) GROUP BY g) ON L.k = g}.
 *
 * <p>Why: a decorrelated scalar sub-query (TPC-H Q17's average quantity per part, Q20's lineitem sum per part and
 * supplier, Q2's minimum cost per part) aggregates the whole inner table and joins the result to the few outer
 * rows left after the outer filters: Q17 groups 6M lineitem rows into 200,000 parts to keep the 200 that join.
 * Filtering first groups only the rows of those keys.
 *
 * <p>Correct because the semi-join filters on group-by columns only: each group is kept whole or dropped whole, and
 * a dropped group has a key no row of {@code L} equals, so the inner join would have dropped it too (NULL keys
 * match neither). Only plain equalities between a column of each side are used; the join's other conditions stay
 * where they are. It applies when {@code L} is estimated at most a tenth of the aggregate's input, because {@code
 * L} is computed twice (once for the semi-join's keys); an input already under such a semi-join is left alone, so
 * the rule applies once per join.
 */
public final class SemiJoinReduceAggregateRule extends RelRule<GleamRuleConfig> {
  /** How much smaller than the aggregate's input the other side must be estimated. */
  static final double MIN_REDUCTION = 10;

  SemiJoinReduceAggregateRule(GleamRuleConfig config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    Join join = call.rel(0);
    if (join.getJoinType() != JoinRelType.INNER) {
      return;
    }
    RelNode reducedRight = reduced(call, join, true);
    if (reducedRight != null) {
      call.transformTo(join.copy(join.getTraitSet(), List.of(join.getLeft(), reducedRight)));
      return;
    }
    RelNode reducedLeft = reduced(call, join, false);
    if (reducedLeft != null) {
      call.transformTo(join.copy(join.getTraitSet(), List.of(reducedLeft, join.getRight())));
    }
  }

  /**
   * The join's right side (or left, if {@code aggregateOnRight} is false) with its aggregate's input semi-joined to
   * the other side's keys, or null where the rule does not apply.
   */
  private static RelNode reduced(RelOptRuleCall call, Join join, boolean aggregateOnRight) {
    RelNode side = (aggregateOnRight ? join.getRight() : join.getLeft()).stripped();
    RelNode other = aggregateOnRight ? join.getLeft() : join.getRight();
    Project project = null;
    if (side instanceof Project p) {
      project = p;
      side = p.getInput().stripped();
    }
    if (!(side instanceof Aggregate aggregate) || aggregate.getGroupSets().size() != 1
        || aggregate.getGroupCount() == 0) {
      return null;
    }
    RelNode input = aggregate.getInput().stripped();
    if (input instanceof Join j && j.getJoinType() == JoinRelType.SEMI) {
      return null;
    }
    int leftCount = join.getLeft().getRowType().getFieldCount();
    List<Integer> otherKeys = new ArrayList<>();
    List<Integer> inputKeys = new ArrayList<>();
    for (RexNode conjunct : RelOptUtil.conjunctions(join.getCondition())) {
      if (conjunct.getKind() != SqlKind.EQUALS) {
        continue;
      }
      List<RexNode> operands = ((RexCall) conjunct).getOperands();
      if (!(operands.get(0) instanceof RexInputRef a) || !(operands.get(1) instanceof RexInputRef b)) {
        continue;
      }
      int l = Math.min(a.getIndex(), b.getIndex());
      int r = Math.max(a.getIndex(), b.getIndex()) - leftCount;
      if (l >= leftCount || r < 0) {
        continue;
      }
      int aggregateField = aggregateOnRight ? r : l;
      if (project != null) {
        if (!(project.getProjects().get(aggregateField) instanceof RexInputRef ref)) {
          continue;
        }
        aggregateField = ref.getIndex();
      }
      if (aggregateField >= aggregate.getGroupCount()) {
        continue;
      }
      otherKeys.add(aggregateOnRight ? l : r);
      inputKeys.add(aggregate.getGroupSet().nth(aggregateField));
    }
    if (otherKeys.isEmpty()) {
      return null;
    }
    RelMetadataQuery mq = call.getMetadataQuery();
    double otherRows = KeyJoinRows.rows(mq, other);
    double inputRows = KeyJoinRows.rows(mq, aggregate.getInput());
    if (!(otherRows * MIN_REDUCTION <= inputRows)) {
      return null;
    }
    RelNode keySource = other;
    List<Integer> keyColumns = otherKeys;
    for (KeySource next = narrower(mq, keySource, keyColumns); next != null;
        next = narrower(mq, keySource, keyColumns)) {
      keySource = next.node();
      keyColumns = next.columns();
    }
    RelBuilder b = call.builder();
    b.push(aggregate.getInput());
    b.push(keySource);
    List<RexNode> keys = new ArrayList<>();
    for (int k : keyColumns) {
      keys.add(b.field(k));
    }
    b.project(keys);
    List<RexNode> equalities = new ArrayList<>();
    for (int i = 0; i < inputKeys.size(); i++) {
      equalities.add(b.equals(b.field(2, 0, inputKeys.get(i)), b.field(2, 1, i)));
    }
    b.semiJoin(equalities);
    RelNode reduced = aggregate.copy(aggregate.getTraitSet(), List.of(b.build()));
    return project == null ? reduced : project.copy(project.getTraitSet(), List.of(reduced));
  }

  /** Where key values can be read: a plan and its columns. */
  record KeySource(RelNode node, List<Integer> columns) {}

  /**
   * A cheaper place to read the key values from, or null. A project passes its column references through; an inner
   * join whose key columns all come from one side can read them from that side, whose values are a superset of
   * the join's (a superset only keeps more groups, so the result is the same), when that side is estimated at most
   * twice the join's rows: Q17's keys come from its 200 filtered parts instead of lineitem joined to them, while
   * Q20's stay on partsupp joined to the forest parts, because partsupp alone would keep every group.
   */
  private static KeySource narrower(RelMetadataQuery mq, RelNode node, List<Integer> columns) {
    RelNode rel = node.stripped();
    if (rel instanceof Project project) {
      List<Integer> mapped = new ArrayList<>();
      for (int c : columns) {
        if (!(project.getProjects().get(c) instanceof RexInputRef ref)) {
          return null;
        }
        mapped.add(ref.getIndex());
      }
      return new KeySource(project.getInput(), mapped);
    }
    if (rel instanceof Join join && join.getJoinType() == JoinRelType.INNER) {
      int leftCount = join.getLeft().getRowType().getFieldCount();
      boolean allLeft = columns.stream().allMatch(c -> c < leftCount);
      boolean allRight = columns.stream().allMatch(c -> c >= leftCount);
      if (!allLeft && !allRight) {
        return null;
      }
      RelNode side = allLeft ? join.getLeft() : join.getRight();
      if (KeyJoinRows.rows(mq, side) > 2 * KeyJoinRows.rows(mq, join)) {
        return null;
      }
      List<Integer> shifted = new ArrayList<>();
      for (int c : columns) {
        shifted.add(allLeft ? c : c - leftCount);
      }
      return new KeySource(side, shifted);
    }
    return null;
  }

  /** Over logical inner joins. */
  static final GleamRuleConfig DEFAULT = GleamRuleConfig.of("SemiJoinReduceAggregateRule",
      b -> b.operand(LogicalJoin.class).anyInputs(), SemiJoinReduceAggregateRule::new);
}
