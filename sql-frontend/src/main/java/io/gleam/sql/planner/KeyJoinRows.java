package io.gleam.sql.planner;

import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;

/**
 * Row estimates for plans of key joins, for the decisions that Calcite's estimates get wrong by orders of magnitude:
 * which aggregate to reduce by a semi-join ({@link SemiJoinReduceAggregateRule}), which side of a join to
 * broadcast.
 */
public final class KeyJoinRows {
  private KeyJoinRows() {}

  /**
   * Estimated rows of {@code rel}. Calcite multiplies a join's inputs by a fixed 15% per equality, which makes
   * any join of two large tables look larger than both; a key join is estimated here as Gleam's users write them:
   * when one side's join columns are a unique key (TPC-H's primary keys are declared), each row of the other side
   * meets at most one of its rows, and a filter on the key side keeps the same fraction of the other side. When
   * neither side's columns are known to be unique, the smaller side is taken as the key side.
   */
  public static double rows(RelMetadataQuery mq, RelNode node) {
    RelNode rel = node.stripped();
    if (rel instanceof Join join) {
      double left = rows(mq, join.getLeft());
      if (join.getJoinType() != JoinRelType.INNER) {
        return join.getJoinType().projectsRight() ? Math.max(left, rows(mq, join.getRight())) : left;
      }
      double right = rows(mq, join.getRight());
      var info = join.analyzeCondition();
      boolean leftUnique = !info.leftKeys.isEmpty()
          && Boolean.TRUE.equals(mq.areColumnsUnique(join.getLeft(), info.leftSet()));
      boolean rightUnique = !info.rightKeys.isEmpty()
          && Boolean.TRUE.equals(mq.areColumnsUnique(join.getRight(), info.rightSet()));
      if (leftUnique && rightUnique) {
        return Math.min(left, right);
      } else if (rightUnique) {
        return left * fractionKept(mq, join.getRight(), right);
      } else if (leftUnique) {
        return right * fractionKept(mq, join.getLeft(), left);
      }
      // Keys not declared (tables made with CREATE TABLE AS): assume the smaller side holds the key, as a
      // dimension table does, so its filter keeps the same fraction of the larger side.
      return left >= right ? left * fractionKept(mq, join.getRight(), right)
          : right * fractionKept(mq, join.getLeft(), left);
    }
    if (rel instanceof Project project) {
      return rows(mq, project.getInput());
    }
    if (rel instanceof Filter filter && !(filter.getInput().stripped() instanceof TableScan)) {
      Double out = mq.getRowCount(filter);
      Double in = mq.getRowCount(filter.getInput());
      double kept = out == null || in == null || in <= 0 ? 1.0 : Math.min(1.0, out / in);
      return rows(mq, filter.getInput()) * kept;
    }
    Double estimate = mq.getRowCount(rel);
    return estimate == null ? Double.MAX_VALUE : estimate;
  }

  /**
   * The fraction of its table's rows that a filtered scan keeps, through projects and aggregates (an IN sub-query's
   * DISTINCT keys); 1 when there is no scan under them.
   */
  private static double fractionKept(RelMetadataQuery mq, RelNode node, double rows) {
    RelNode rel = node.stripped();
    while (rel instanceof Project || rel instanceof Filter || rel instanceof Aggregate) {
      rel = rel.getInput(0).stripped();
    }
    if (!(rel instanceof TableScan scan)) {
      return 1.0;
    }
    Double all = mq.getRowCount(scan);
    return all == null || all <= 0 ? 1.0 : Math.min(1.0, rows / all);
  }

}
