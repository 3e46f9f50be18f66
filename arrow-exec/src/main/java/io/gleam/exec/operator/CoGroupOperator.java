package io.gleam.exec.operator;

import io.gleam.exec.RunContext;
import io.gleam.exec.rows.RowComparator;
import io.gleam.exec.rows.RowInput;
import io.gleam.planner.plan.AggregateSchemas;
import io.gleam.planner.plan.PlanNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Co-groups two co-partitioned inputs by key: the key, then the left value columns as lists, then the right ones
 * (empty lists for a side without the key). Algorithm: external sort of each side by key, then a merge of the two
 * group streams. Memory: the sort buffers, and one group per side.
 */
public final class CoGroupOperator extends RowOperator {
  private final Operator leftInput;
  private final Operator rightInput;
  private final SortedGroups left;
  private final SortedGroups right;
  private final int[] leftValues;
  private final int[] rightValues;
  private final RowComparator keyOrder;
  private boolean loaded;

  public CoGroupOperator(PlanNode.CoGroup node, Operator leftInput, Operator rightInput, RunContext context,
      String consumer) {
    super(node.schema(), context.allocator(), context.options().batchRows());
    this.leftInput = leftInput;
    this.rightInput = rightInput;
    this.left = new SortedGroups(node.left().schema(), node.leftKeys(), context, consumer + ".left", metrics);
    this.right = new SortedGroups(node.right().schema(), node.rightKeys(), context, consumer + ".right", metrics);
    this.leftValues = AggregateSchemas.valueColumns(node.left().schema().getFields().size(), node.leftKeys());
    this.rightValues = AggregateSchemas.valueColumns(node.right().schema().getFields().size(), node.rightKeys());
    this.keyOrder = RowComparator.keyPrefix(node.leftKeys().length);
  }

  @Override
  public Object[] nextRow() {
    if (!loaded) {
      load(leftInput, left);
      load(rightInput, right);
      loaded = true;
    }
    Object[] lk = left.peekKey();
    Object[] rk = right.peekKey();
    if (lk == null && rk == null) {
      return null;
    }
    int c = lk == null ? 1 : rk == null ? -1 : keyOrder.compare(lk, rk);
    List<Object[]> lg = c <= 0 ? left.nextGroup() : List.of();
    List<Object[]> rg = c >= 0 ? right.nextGroup() : List.of();
    Object[] key = c <= 0 ? lk : rk;
    Object[] l = GroupByKeyOperator.grouped(key, lg, leftValues);
    Object[] r = GroupByKeyOperator.grouped(new Object[0], rg, rightValues);
    Object[] out = new Object[l.length + r.length];
    System.arraycopy(l, 0, out, 0, l.length);
    System.arraycopy(r, 0, out, l.length, r.length);
    return out;
  }

  private static void load(Operator input, SortedGroups groups) {
    RowInput rows = new RowInput(input);
    Object[] row;
    while ((row = rows.nextRow()) != null) {
      groups.add(row);
    }
    rows.release();
  }

  @Override
  public void close() {
    left.close();
    right.close();
    leftInput.close();
    rightInput.close();
    super.close();
  }
}
