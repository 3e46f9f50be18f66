package io.gleam.exec.operator;

import io.gleam.exec.RunContext;
import io.gleam.exec.expr.ExprInterpreter;
import io.gleam.exec.memory.ExternalSorter;
import io.gleam.exec.memory.MemoryReservation;
import io.gleam.exec.rows.RowComparator;
import io.gleam.exec.rows.RowInput;
import io.gleam.exec.rows.RowKey;
import io.gleam.exec.rows.RowSizes;
import io.gleam.planner.expr.Expr;
import io.gleam.planner.plan.JoinType;
import io.gleam.planner.plan.PlanNode;
import io.gleam.planner.plan.SortKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Equi-join of co-partitioned inputs. Algorithm: build a hash table on the right input, probe it with the left.
 * When the build side's memory reservation is refused, it switches to a sort-merge join: both sides go through
 * external sorts (spilling sorted runs to Arrow IPC files) and are merged by key, so a join larger than memory
 * still finishes. NULL keys never match. A residual condition (over the left then the right columns) is tested on
 * each pair with equal keys by {@link ExprInterpreter}; with no keys this is a nested loop join. Memory: the build side within the budget; in merge mode, the right rows
 * of one key.
 */
public final class HashJoinOperator extends RowOperator {
  private final Operator leftInput;
  private final Operator rightInput;
  private final RowInput left;
  private final RowInput right;
  private final int[] leftKeys;
  private final int[] rightKeys;
  private final JoinType type;
  private final int leftWidth;
  private final int rightWidth;
  private final RunContext context;
  private final MemoryReservation reservation;
  private final String consumer;
  private final PlanNode.HashJoin node;
  private final Optional<Expr> condition;
  private final ArrayDeque<Object[]> pending = new ArrayDeque<>();
  private Map<RowKey, List<BuildRow>> table;
  private final List<BuildRow> nullKeyRows = new ArrayList<>();
  private Iterator<BuildRow> unmatched;
  private MergeState merge;
  private boolean probeDone;

  /** A build-side row and whether any probe row matched it. */
  private static final class BuildRow {
    final Object[] row;
    boolean matched;

    BuildRow(Object[] row) {
      this.row = row;
    }
  }

  public HashJoinOperator(PlanNode.HashJoin node, Operator leftInput, Operator rightInput, RunContext context,
      String consumer) {
    super(node.schema(), context.allocator(), context.options().batchRows());
    this.node = node;
    this.leftInput = leftInput;
    this.rightInput = rightInput;
    this.left = new RowInput(leftInput);
    this.right = new RowInput(rightInput);
    this.leftKeys = node.leftKeys();
    this.rightKeys = node.rightKeys();
    this.type = node.type();
    this.condition = node.condition();
    this.leftWidth = node.left().schema().getFields().size();
    this.rightWidth = node.right().schema().getFields().size();
    this.context = context;
    this.consumer = consumer;
    this.reservation = context.memoryPool().reservation(consumer);
  }

  @Override
  public Object[] nextRow() {
    while (pending.isEmpty()) {
      if (table == null && merge == null) {
        build();
      }
      if (merge != null) {
        if (!merge.advance()) {
          return null;
        }
        continue;
      }
      if (!probeDone) {
        Object[] row = left.nextRow();
        if (row == null) {
          probeDone = true;
          if (type == JoinType.RIGHT || type == JoinType.FULL) {
            List<BuildRow> all = new ArrayList<>(nullKeyRows);
            table.values().forEach(all::addAll);
            unmatched = all.iterator();
          }
          continue;
        }
        RowKey key = RowKey.of(row, leftKeys);
        List<BuildRow> matches = key.hasNull() ? null : table.get(key);
        emitProbe(row, matches == null ? List.of() : matches);
        continue;
      }
      if (unmatched != null) {
        while (unmatched.hasNext()) {
          BuildRow b = unmatched.next();
          if (!b.matched) {
            pending.add(joined(null, b.row));
            break;
          }
        }
        if (pending.isEmpty()) {
          unmatched = null;
        }
        continue;
      }
      return null;
    }
    return pending.poll();
  }

  private void emitProbe(Object[] row, List<BuildRow> candidates) {
    List<BuildRow> matches = candidates;
    if (condition.isPresent() && !candidates.isEmpty()) {
      matches = new ArrayList<>();
      for (BuildRow b : candidates) {
        if (ExprInterpreter.test(condition.get(), joined(row, b.row))) {
          matches.add(b);
        }
      }
    }
    switch (type) {
      case SEMI -> {
        if (!matches.isEmpty()) {
          pending.add(row);
        }
      }
      case ANTI -> {
        if (matches.isEmpty()) {
          pending.add(row);
        }
      }
      case INNER, LEFT, RIGHT, FULL -> {
        for (BuildRow b : matches) {
          b.matched = true;
          pending.add(joined(row, b.row));
        }
        if (matches.isEmpty() && (type == JoinType.LEFT || type == JoinType.FULL)) {
          pending.add(joined(row, null));
        }
      }
    }
  }

  private Object[] joined(Object[] l, Object[] r) {
    Object[] out = new Object[leftWidth + rightWidth];
    if (l != null) {
      System.arraycopy(l, 0, out, 0, leftWidth);
    }
    if (r != null) {
      System.arraycopy(r, 0, out, leftWidth, rightWidth);
    }
    return out;
  }

  private void build() {
    table = new HashMap<>();
    Object[] row;
    long n = 0;
    while ((row = right.nextRow()) != null) {
      if ((++n & 0xFFFF) == 0) {
        context.checkCancelled();
      }
      if (!reservation.tryGrow(RowSizes.estimate(row) + 64)) {
        switchToMerge(row);
        return;
      }
      RowKey key = RowKey.of(row, rightKeys);
      if (key.hasNull()) {
        nullKeyRows.add(new BuildRow(row));
      } else {
        table.computeIfAbsent(key, k -> new ArrayList<>(1)).add(new BuildRow(row));
      }
    }
  }

  private void switchToMerge(Object[] pendingRow) {
    context.count("join.sortMergeFallbacks", 1);
    ExternalSorter rightSorter = sorter(node.right().schema(), rightKeys, consumer + ".right");
    for (List<BuildRow> rows : table.values()) {
      rows.forEach(b -> rightSorter.add(b.row));
    }
    nullKeyRows.forEach(b -> rightSorter.add(b.row));
    table = null;
    nullKeyRows.clear();
    reservation.shrinkAll();
    rightSorter.add(pendingRow);
    Object[] row;
    while ((row = right.nextRow()) != null) {
      rightSorter.add(row);
    }
    ExternalSorter leftSorter = sorter(node.left().schema(), leftKeys, consumer + ".left");
    while ((row = left.nextRow()) != null) {
      leftSorter.add(row);
    }
    merge = new MergeState(leftSorter, rightSorter);
  }

  private ExternalSorter sorter(org.apache.arrow.vector.types.pojo.Schema schema, int[] keys, String name) {
    List<SortKey> order = new ArrayList<>();
    for (int k : keys) {
      order.add(SortKey.asc(k));
    }
    OperatorMetrics m = metrics;
    return new ExternalSorter(schema, new RowComparator(order), context.memoryPool().reservation(name),
        context.options().spillDirectory(), context.allocator(), context.options().batchRows(), m);
  }

  /** Sort-merge join over two sorted streams, one key group at a time. */
  private final class MergeState {
    private final ExternalSorter leftSorter;
    private final ExternalSorter rightSorter;
    private final RowStream l;
    private final RowStream r;
    private final RowComparator keyOrder;
    private Object[] lHead;
    private Object[] rHead;

    MergeState(ExternalSorter leftSorter, ExternalSorter rightSorter) {
      this.leftSorter = leftSorter;
      this.rightSorter = rightSorter;
      this.l = leftSorter.sorted();
      this.r = rightSorter.sorted();
      this.keyOrder = RowComparator.keyPrefix(leftKeys.length);
      context.count("spills", metrics.spills());
      lHead = l.nextRow();
      rHead = r.nextRow();
    }

    /** Emits the rows of the next key group into {@code pending}; false at the end. */
    boolean advance() {
      if (lHead == null && rHead == null) {
        return false;
      }
      RowKey lk = lHead == null ? null : RowKey.of(lHead, leftKeys);
      RowKey rk = rHead == null ? null : RowKey.of(rHead, rightKeys);
      int c;
      if (lk == null) {
        c = 1;
      } else if (rk == null) {
        c = -1;
      } else if (lk.hasNull()) {
        c = -1;
      } else if (rk.hasNull()) {
        c = 1;
      } else {
        c = keyOrder.compare(lk.values(), rk.values());
      }
      if (c < 0) {
        emitProbe(lHead, List.of());
        lHead = l.nextRow();
      } else if (c > 0) {
        if (type == JoinType.RIGHT || type == JoinType.FULL) {
          pending.add(joined(null, rHead));
        }
        rHead = r.nextRow();
      } else {
        List<BuildRow> group = new ArrayList<>();
        while (rHead != null && RowKey.of(rHead, rightKeys).equals(rk)) {
          group.add(new BuildRow(rHead));
          rHead = r.nextRow();
        }
        while (lHead != null && RowKey.of(lHead, leftKeys).equals(lk)) {
          emitProbe(lHead, group);
          lHead = l.nextRow();
        }
        if (type == JoinType.RIGHT || type == JoinType.FULL) {
          group.stream().filter(b -> !b.matched).forEach(b -> pending.add(joined(null, b.row)));
        }
      }
      return true;
    }

    void close() {
      leftSorter.close();
      rightSorter.close();
    }
  }

  @Override
  public void close() {
    left.release();
    right.release();
    if (merge != null) {
      merge.close();
    }
    reservation.close();
    leftInput.close();
    rightInput.close();
    super.close();
  }
}
