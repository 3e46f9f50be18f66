package io.gleam.sql.planner;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.rules.MultiJoin;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Takes the equalities that close a cycle in an inner {@link MultiJoin}'s join graph out of its join condition and
 * makes them its post-join filter, so that join ordering ({@code LoptOptimizeJoinRule}) follows a tree of joins and
 * the equalities are checked, as residual conditions, on the join that completes each cycle.
 *
 * <p>The join graph has a vertex per input and an edge per pair of inputs that some equality of the condition
 * relates ({@code a.x = b.y}, each side over one input). The rule keeps a maximum spanning tree of the graph and moves
 * the equalities of every other edge. Edges are ranked, best first: an edge on which one side's columns are unique
 * (a key/foreign-key join) before one on which neither is; then by the larger input's estimated row count, then the
 * smaller's. The edge that goes is thus a many-to-many equality between the smaller inputs, typically two dimension
 * tables that both reach the fact table by their keys: TPC-H Q5's {@code c_nationkey = s_nationkey}. Without
 * unique keys or column statistics, the greedy ordering rates that join of customer and supplier at a fraction of
 * their product and starts with it, an intermediate of millions of rows; without it, the ordering joins along the
 * foreign keys and the nation equality filters the rows of the last join.
 *
 * <p>The rule fires only on a MultiJoin of inner joins whose graph has a cycle; its result has none, so it does not
 * fire again. Other conjuncts (non-equalities, conditions over one or three inputs) stay where they are.
 */
public final class BreakJoinCyclesRule extends RelRule<GleamRuleConfig> {

  BreakJoinCyclesRule(GleamRuleConfig config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    MultiJoin multiJoin = call.rel(0);
    if (multiJoin.isFullOuterJoin()
        || multiJoin.getJoinTypes().stream().anyMatch(t -> t != JoinRelType.INNER)) {
      return;
    }
    List<RelNode> inputs = multiJoin.getInputs();
    int[] offsets = new int[inputs.size() + 1];
    for (int i = 0; i < inputs.size(); i++) {
      offsets[i + 1] = offsets[i] + inputs.get(i).getRowType().getFieldCount();
    }

    List<RexNode> kept = new ArrayList<>();
    Map<Long, Edge> edges = new LinkedHashMap<>();
    for (RexNode conjunct : RelOptUtil.conjunctions(multiJoin.getJoinFilter())) {
      Edge edge = edge(conjunct, offsets);
      if (edge == null) {
        kept.add(conjunct);
      } else {
        edges.computeIfAbsent(edge.key(), k -> edge).add(edge);
      }
    }
    if (edges.size() < 3) {
      return;
    }

    RelMetadataQuery mq = call.getMetadataQuery();
    List<Edge> ranked = new ArrayList<>(edges.values());
    for (Edge edge : ranked) {
      edge.rank(mq, inputs, offsets);
    }
    ranked.sort(Comparator.comparing((Edge e) -> e.keyJoin).thenComparingDouble(e -> e.largerRows)
        .thenComparingDouble(e -> e.smallerRows).reversed());

    int[] components = new int[inputs.size()];
    for (int i = 0; i < components.length; i++) {
      components[i] = i;
    }
    List<RexNode> moved = new ArrayList<>();
    for (Edge edge : ranked) {
      int a = find(components, edge.left);
      int b = find(components, edge.right);
      if (a == b) {
        moved.addAll(edge.conditions);
      } else {
        components[a] = b;
        kept.addAll(edge.conditions);
      }
    }
    if (moved.isEmpty()) {
      return;
    }

    RexBuilder rexBuilder = multiJoin.getCluster().getRexBuilder();
    List<RexNode> post = new ArrayList<>(moved);
    if (multiJoin.getPostJoinFilter() != null) {
      post.add(multiJoin.getPostJoinFilter());
    }
    call.transformTo(new MultiJoin(multiJoin.getCluster(), inputs,
        RexUtil.composeConjunction(rexBuilder, kept), multiJoin.getRowType(), false,
        multiJoin.getOuterJoinConditions(), multiJoin.getJoinTypes(), multiJoin.getProjFields(),
        multiJoin.getJoinFieldRefCountsMap(), RexUtil.composeConjunction(rexBuilder, post)));
  }

  /** The edge an equality between columns of two different inputs makes, or null for any other condition. */
  private static Edge edge(RexNode conjunct, int[] offsets) {
    if (conjunct.getKind() != SqlKind.EQUALS) {
      return null;
    }
    List<RexNode> operands = ((RexCall) conjunct).getOperands();
    int left = input(RelOptUtil.InputFinder.bits(operands.get(0)), offsets);
    int right = input(RelOptUtil.InputFinder.bits(operands.get(1)), offsets);
    if (left < 0 || right < 0 || left == right) {
      return null;
    }
    Edge edge = new Edge(Math.min(left, right), Math.max(left, right));
    edge.columns(RelOptUtil.InputFinder.bits(conjunct), offsets);
    edge.conditions.add(conjunct);
    return edge;
  }

  /** The one input whose fields {@code fields} are all from, or -1. */
  private static int input(ImmutableBitSet fields, int[] offsets) {
    if (fields.isEmpty()) {
      return -1;
    }
    int first = inputOf(fields.nth(0), offsets);
    return inputOf(fields.length() - 1, offsets) == first ? first : -1;
  }

  private static int inputOf(int field, int[] offsets) {
    int i = 0;
    while (offsets[i + 1] <= field) {
      i++;
    }
    return i;
  }

  private static int find(int[] components, int i) {
    while (components[i] != i) {
      components[i] = components[components[i]];
      i = components[i];
    }
    return i;
  }

  /** The equalities between two inputs, and how the edge ranks. */
  private static final class Edge {
    final int left;
    final int right;
    final List<RexNode> conditions = new ArrayList<>();
    final ImmutableBitSet.Builder leftColumns = ImmutableBitSet.builder();
    final ImmutableBitSet.Builder rightColumns = ImmutableBitSet.builder();
    boolean keyJoin;
    double largerRows;
    double smallerRows;

    Edge(int left, int right) {
      this.left = left;
      this.right = right;
    }

    long key() {
      return ((long) left << 32) | right;
    }

    void add(Edge other) {
      if (other != this) {
        conditions.addAll(other.conditions);
        leftColumns.addAll(other.leftColumns.build());
        rightColumns.addAll(other.rightColumns.build());
      }
    }

    void columns(ImmutableBitSet fields, int[] offsets) {
      for (int field : fields) {
        int input = inputOf(field, offsets);
        if (input == left) {
          leftColumns.set(field - offsets[left]);
        } else if (input == right) {
          rightColumns.set(field - offsets[right]);
        }
      }
    }

    void rank(RelMetadataQuery mq, List<RelNode> inputs, int[] offsets) {
      RelNode l = inputs.get(left);
      RelNode r = inputs.get(right);
      keyJoin = Boolean.TRUE.equals(mq.areColumnsUnique(l, leftColumns.build()))
          || Boolean.TRUE.equals(mq.areColumnsUnique(r, rightColumns.build()));
      double leftRows = rows(mq, l);
      double rightRows = rows(mq, r);
      largerRows = Math.max(leftRows, rightRows);
      smallerRows = Math.min(leftRows, rightRows);
    }

    private static double rows(RelMetadataQuery mq, RelNode input) {
      Double rows = mq.getRowCount(input);
      return rows == null ? Double.MAX_VALUE : rows;
    }
  }

  /** Breaks the cycles of a MultiJoin of inner joins. */
  static final GleamRuleConfig DEFAULT = GleamRuleConfig.of("BreakJoinCyclesRule",
      b -> b.operand(MultiJoin.class).anyInputs(), BreakJoinCyclesRule::new);
}
