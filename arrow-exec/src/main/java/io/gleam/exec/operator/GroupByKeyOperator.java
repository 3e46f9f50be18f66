package io.gleam.exec.operator;

import io.gleam.exec.RunContext;
import io.gleam.exec.rows.RowInput;
import io.gleam.planner.plan.AggregateSchemas;
import io.gleam.planner.plan.PlanNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups one partition by key: the key columns, then each value column as a list. Algorithm: external sort by
 * key (spilling sorted runs when over budget), then one pass over the groups. Memory: the sort buffer, and one
 * group's rows.
 */
public final class GroupByKeyOperator extends RowOperator {
  private final Operator input;
  private final RowInput rows;
  private final SortedGroups groups;
  private final int[] keys;
  private final int[] values;
  private boolean loaded;

  public GroupByKeyOperator(PlanNode.GroupByKey node, Operator input, RunContext context, String consumer) {
    super(node.schema(), context.allocator(), context.options().batchRows());
    this.input = input;
    this.rows = new RowInput(input);
    this.keys = node.keys();
    this.values = AggregateSchemas.valueColumns(node.input().schema().getFields().size(), keys);
    this.groups = new SortedGroups(node.input().schema(), keys, context, consumer, metrics);
  }

  @Override
  public Object[] nextRow() {
    if (!loaded) {
      Object[] row;
      while ((row = rows.nextRow()) != null) {
        groups.add(row);
      }
      loaded = true;
    }
    Object[] key = groups.peekKey();
    if (key == null) {
      return null;
    }
    return grouped(key, groups.nextGroup(), values);
  }

  static Object[] grouped(Object[] key, List<Object[]> group, int[] valueColumns) {
    Object[] out = new Object[key.length + valueColumns.length];
    System.arraycopy(key, 0, out, 0, key.length);
    for (int v = 0; v < valueColumns.length; v++) {
      List<Object> list = new ArrayList<>(group.size());
      for (Object[] r : group) {
        list.add(r[valueColumns[v]]);
      }
      out[key.length + v] = list;
    }
    return out;
  }

  @Override
  public void close() {
    rows.release();
    groups.close();
    input.close();
    super.close();
  }
}
