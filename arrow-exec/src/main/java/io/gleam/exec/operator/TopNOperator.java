package io.gleam.exec.operator;

import io.gleam.exec.RunContext;
import io.gleam.exec.rows.RowComparator;
import io.gleam.exec.rows.RowInput;
import io.gleam.planner.plan.PlanNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Keeps the first {@code limit} rows of one partition in order, with a bounded heap whose top is the worst row
 * kept. Memory: {@code limit} rows. Ties keep the earlier row.
 */
public final class TopNOperator extends RowOperator {
  private final Operator input;
  private final RowInput rows;
  private final long limit;
  private final Comparator<Object[]> order;
  private final RunContext context;
  private List<Object[]> result;
  private int next;

  public TopNOperator(PlanNode.TopN node, Operator input, RunContext context) {
    super(node.schema(), context.allocator(), context.options().batchRows());
    this.input = input;
    this.rows = new RowInput(input);
    this.limit = node.limit();
    this.order = new RowComparator(node.order());
    this.context = context;
  }

  private record Ranked(Object[] row, long seq) {}

  @Override
  public Object[] nextRow() {
    if (result == null) {
      Comparator<Ranked> byRank = (a, b) -> {
        int c = order.compare(a.row, b.row);
        return c != 0 ? c : Long.compare(a.seq, b.seq);
      };
      PriorityQueue<Ranked> heap = new PriorityQueue<>(byRank.reversed());
      Object[] row;
      long seq = 0;
      while ((row = rows.nextRow()) != null) {
        if ((seq & 0xFFFF) == 0) {
          context.checkCancelled();
        }
        Ranked r = new Ranked(row, seq++);
        if (heap.size() < limit) {
          heap.add(r);
        } else if (limit > 0 && byRank.compare(r, heap.peek()) < 0) {
          heap.poll();
          heap.add(r);
        }
      }
      List<Ranked> kept = new ArrayList<>(heap);
      kept.sort(byRank);
      result = new ArrayList<>(kept.size());
      kept.forEach(k -> result.add(k.row));
    }
    return next < result.size() ? result.get(next++) : null;
  }

  @Override
  public void close() {
    rows.release();
    input.close();
    super.close();
  }
}
