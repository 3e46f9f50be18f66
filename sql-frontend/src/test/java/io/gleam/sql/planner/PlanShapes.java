package io.gleam.sql.planner;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelVisitor;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.sql.SqlKind;

/** Questions tests ask about an optimized plan. */
final class PlanShapes {
  private PlanShapes() {}

  /** Every node of the tree, parents before children. */
  static List<RelNode> nodes(RelNode root) {
    List<RelNode> nodes = new ArrayList<>();
    new RelVisitor() {
      @Override
      public void visit(RelNode node, int ordinal, RelNode parent) {
        nodes.add(node);
        super.visit(node, ordinal, parent);
      }
    }.go(root);
    return nodes;
  }

  static List<Join> joins(RelNode root) {
    return nodes(root).stream().filter(Join.class::isInstance).map(Join.class::cast).toList();
  }

  /** Whether some expression in the tree is a sub-query. */
  static boolean hasSubQuery(RelNode root) {
    boolean[] found = {false};
    for (RelNode node : nodes(root)) {
      node.accept(new RexShuttle() {
        @Override
        public RexNode visitSubQuery(RexSubQuery subQuery) {
          found[0] = true;
          return subQuery;
        }
      });
    }
    return found[0];
  }

  /** Whether the join has at least one equality between a column of each input. */
  static boolean isEquiJoin(Join join) {
    JoinInfo info = JoinInfo.of(join.getLeft(), join.getRight(), join.getCondition());
    return !info.leftKeys.isEmpty();
  }

  /** Whether a top-level conjunct of the join's condition is an equality of the two named columns. */
  static boolean joinsOn(Join join, String column1, String column2) {
    List<String> names = join.getRowType().getFieldNames();
    for (RexNode conjunct : RelOptUtil.conjunctions(join.getCondition())) {
      if (conjunct.getKind() == SqlKind.EQUALS
          && ((RexCall) conjunct).getOperands().get(0) instanceof RexInputRef a
          && ((RexCall) conjunct).getOperands().get(1) instanceof RexInputRef b) {
        String x = names.get(a.getIndex());
        String y = names.get(b.getIndex());
        if (x.equals(column1) && y.equals(column2) || x.equals(column2) && y.equals(column1)) {
          return true;
        }
      }
    }
    return false;
  }
}
