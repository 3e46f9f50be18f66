package io.gleam.exec.operator;

import io.gleam.exec.RunContext;
import io.gleam.exec.memory.ExternalSorter;
import io.gleam.exec.rows.RowComparator;
import io.gleam.exec.rows.RowKey;
import io.gleam.planner.plan.SortKey;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * An input's rows sorted by key columns (through an external sort that spills) and read back one key group at a
 * time. NULL keys form a group of their own. Used by groupByKey and coGroup.
 */
final class SortedGroups implements AutoCloseable {
  private final ExternalSorter sorter;
  private final int[] keys;
  private final RunContext context;
  private RowStream sorted;
  private Object[] head;

  SortedGroups(Schema schema, int[] keys, RunContext context, String consumer, OperatorMetrics metrics) {
    List<SortKey> order = new ArrayList<>();
    for (int k : keys) {
      order.add(SortKey.asc(k));
    }
    this.keys = keys.clone();
    this.context = context;
    this.sorter = new ExternalSorter(schema, new RowComparator(order), context.memoryPool().reservation(consumer),
        context.options().spillDirectory(), context.allocator(), context.options().batchRows(), metrics);
  }

  void add(Object[] row) {
    sorter.add(row);
  }

  /** The key of the next group, or null at the end. Call after the last {@link #add}. */
  Object[] peekKey() {
    if (sorted == null) {
      sorted = sorter.sorted();
      context.count("spills", sorter.spilledRuns());
      head = sorted.nextRow();
    }
    return head == null ? null : RowKey.of(head, keys).values();
  }

  /** The rows of the next group. */
  List<Object[]> nextGroup() {
    RowKey key = RowKey.of(head, keys);
    List<Object[]> group = new ArrayList<>();
    while (head != null && RowKey.of(head, keys).equals(key)) {
      group.add(head);
      head = sorted.nextRow();
    }
    return group;
  }

  @Override
  public void close() {
    sorter.close();
  }
}
