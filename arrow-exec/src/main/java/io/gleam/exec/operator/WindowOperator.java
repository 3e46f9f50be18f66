package io.gleam.exec.operator;

import io.gleam.exec.RunContext;
import io.gleam.exec.memory.MemoryReservation;
import io.gleam.exec.rows.RowComparator;
import io.gleam.exec.rows.RowInput;
import io.gleam.exec.rows.RowKey;
import io.gleam.exec.rows.RowSizes;
import io.gleam.planner.plan.AggCall;
import io.gleam.planner.plan.AggFunction;
import io.gleam.planner.plan.PlanNode;
import io.gleam.planner.plan.Reducer;
import io.gleam.planner.plan.WindowCall;
import io.gleam.planner.plan.WindowFrame;
import io.gleam.planner.plan.WindowFunction;
import java.util.ArrayList;
import java.util.List;

/**
 * Computes windowed functions over one partition whose rows arrive sorted by the partition keys and the window
 * order (a sort below this operator, which spills). Algorithm: read one window partition (rows with equal
 * partition keys) at a time; find each row's peer group (equal order values); per call, compute each row's frame
 * bounds and the value: ranks from the peer groups, LAG/LEAD by position, aggregates by a running accumulator when
 * the frame starts (or ends) unbounded, else by folding each row's frame. When every call only looks back (ranks,
 * LAG, frames from UNBOUNDED PRECEDING to CURRENT ROW) it streams instead: one peer group at a time, with running
 * state per call and the last LAG-offset rows. Memory: the rows of one window partition, or of one peer group when
 * streaming (reserved, never spilled; over the budget the reservation grows anyway), and one value per row and
 * call.
 */
public final class WindowOperator extends RowOperator {
  private final Operator input;
  private final RowInput rows;
  private final int[] partitionKeys;
  private final RowComparator peers;
  private final boolean hasOrder;
  private final List<WindowCall> calls;
  private final List<Accumulators> accumulators = new ArrayList<>();
  private final int inputWidth;
  private final MemoryReservation reservation;
  private final RunContext context;

  private List<Object[]> partition = new ArrayList<>();
  private Object[][] values;  // per call, per row of the partition
  private int emitted;
  private Object[] nextPartitionHead;
  private boolean inputDone;
  private long rowsRead;

  // Streaming mode: when every call only looks back (ranks, LAG, frames from UNBOUNDED PRECEDING to CURRENT ROW),
  // rows are computed one peer group at a time with running state, so a window partition is never held whole.
  private final boolean streaming;
  private final int lookBack;
  private final List<Object[]> recent = new ArrayList<>();  // the partition's last lookBack rows before the group
  private Object[][] running;
  private Object[] partitionFirst;
  private RowKey streamKey;
  private long partitionRows;
  private long denseRank;

  public WindowOperator(PlanNode.Window node, Operator input, RunContext context, String consumer) {
    super(node.schema(), context.allocator(), context.options().batchRows());
    this.input = input;
    this.rows = new RowInput(input);
    this.partitionKeys = node.partitionKeys();
    this.peers = new RowComparator(node.order());
    this.hasOrder = !node.order().isEmpty();
    this.calls = node.calls();
    this.inputWidth = node.input().schema().getFields().size();
    this.context = context;
    this.reservation = context.memoryPool().reservation(consumer);
    boolean lookingBack = true;
    int maxLag = 0;
    for (WindowCall call : calls) {
      if (call.function() == WindowFunction.LAG) {
        maxLag = (int) Math.max(maxLag, Math.min(call.offset(), Integer.MAX_VALUE / 2));
      } else if (call.function() == WindowFunction.LEAD || call.function() == WindowFunction.NTILE
          || (call.function().usesFrame()
              && (call.frame().lower().kind() != WindowFrame.BoundKind.UNBOUNDED_PRECEDING
                  || call.frame().upper().kind() != WindowFrame.BoundKind.CURRENT_ROW))) {
        lookingBack = false;
      }
    }
    this.streaming = lookingBack && maxLag <= 1024;
    this.lookBack = maxLag;
    for (WindowCall call : calls) {
      AggFunction f = switch (call.function()) {
        case SUM -> AggFunction.SUM;
        case COUNT -> AggFunction.COUNT;
        case MIN -> AggFunction.MIN;
        case MAX -> AggFunction.MAX;
        default -> null;
      };
      accumulators.add(f == null ? null : new Accumulators(
          new Reducer.Builtin(List.of(new AggCall(f, call.column(), call.name()))), null, inputWidth, new int[0]));
    }
  }

  @Override
  public Object[] nextRow() {
    while (values == null || emitted >= partition.size()) {
      if (!loadPartition()) {
        return null;
      }
    }
    Object[] in = partition.get(emitted);
    partition.set(emitted, null);
    Object[] out = new Object[inputWidth + calls.size()];
    System.arraycopy(in, 0, out, 0, inputWidth);
    for (int c = 0; c < calls.size(); c++) {
      out[inputWidth + c] = values[c][emitted];
    }
    emitted++;
    return out;
  }

  /** Reads the next window partition and computes its values; false at the end of the input. */
  private boolean loadPartition() {
    if (streaming) {
      return loadPeerGroup();
    }
    partition = new ArrayList<>();
    reservation.shrinkAll();
    values = null;
    emitted = 0;
    Object[] row = nextPartitionHead != null ? nextPartitionHead : inputDone ? null : read();
    nextPartitionHead = null;
    if (row == null) {
      return false;
    }
    RowKey key = RowKey.of(row, partitionKeys);
    while (row != null) {
      if (partitionKeys.length > 0 && !RowKey.of(row, partitionKeys).equals(key)) {
        nextPartitionHead = row;
        break;
      }
      long size = RowSizes.estimate(row);
      if (!reservation.tryGrow(size)) {
        reservation.growUnchecked(size);
      }
      partition.add(row);
      row = read();
    }
    compute();
    return true;
  }

  /** Streaming mode: reads the next peer group (equal partition keys and order values) and computes its values. */
  private boolean loadPeerGroup() {
    List<Object[]> group = new ArrayList<>();
    reservation.shrinkAll();
    values = null;
    emitted = 0;
    Object[] row = nextPartitionHead != null ? nextPartitionHead : inputDone ? null : read();
    nextPartitionHead = null;
    if (row == null) {
      partition = group;
      return false;
    }
    RowKey key = RowKey.of(row, partitionKeys);
    if (streamKey == null || !streamKey.equals(key)) {
      streamKey = key;
      partitionRows = 0;
      denseRank = 0;
      recent.clear();
      running = new Object[calls.size()][];
      partitionFirst = row;
    }
    Object[] head = row;
    while (row != null) {
      if ((partitionKeys.length > 0 && !RowKey.of(row, partitionKeys).equals(key))
          || (hasOrder && peers.compare(head, row) != 0)) {
        nextPartitionHead = row;
        break;
      }
      long size = RowSizes.estimate(row);
      if (!reservation.tryGrow(size)) {
        reservation.growUnchecked(size);
      }
      group.add(row);
      row = read();
    }
    denseRank++;
    int m = group.size();
    values = new Object[calls.size()][];
    for (int c = 0; c < calls.size(); c++) {
      WindowCall call = calls.get(c);
      Object[] v = new Object[m];
      Accumulators acc = accumulators.get(c);
      boolean rows = call.frame().unit() == WindowFrame.Unit.ROWS;
      if (acc != null && !rows) {
        for (Object[] r : group) {
          running[c] = running[c] == null ? acc.init(r) : acc.addRow(running[c], r);
        }
      }
      for (int j = 0; j < m; j++) {
        v[j] = switch (call.function()) {
          case ROW_NUMBER -> partitionRows + j + 1;
          case RANK -> partitionRows + 1;
          case DENSE_RANK -> denseRank;
          case LAG -> lagged(call, group, j);
          case FIRST_VALUE -> partitionFirst[call.column()];
          case LAST_VALUE -> group.get(rows ? j : m - 1)[call.column()];
          case SUM, COUNT, MIN, MAX -> {
            if (rows) {
              running[c] = running[c] == null ? acc.init(group.get(j)) : acc.addRow(running[c], group.get(j));
            }
            yield running[c] == null ? (call.function() == WindowFunction.COUNT ? (Object) 0L : null)
                : acc.finish(running[c])[0];
          }
          case NTILE, LEAD -> throw new IllegalStateException(call + " does not stream");
        };
      }
      values[c] = v;
    }
    partitionRows += m;
    for (Object[] r : group) {
      recent.add(r);
    }
    if (recent.size() > lookBack) {
      recent.subList(0, recent.size() - lookBack).clear();
    }
    partition = group;
    return true;
  }

  /** LAG in streaming mode: the row {@code offset} back, in this peer group or among the recent rows before it. */
  private Object lagged(WindowCall call, List<Object[]> group, int j) {
    long back = call.offset() - j;  // rows back from the group's first row
    if (back <= 0) {
      return group.get((int) -back)[call.column()];
    }
    if (back > partitionRows) {
      return call.defaultColumn() < 0 ? null : group.get(j)[call.defaultColumn()];
    }
    return recent.get(recent.size() - (int) back)[call.column()];
  }

  private Object[] read() {
    Object[] row = rows.nextRow();
    if (row == null) {
      inputDone = true;
    } else if ((++rowsRead & 0xFFFF) == 0) {
      context.checkCancelled();
    }
    return row;
  }

  private void compute() {
    int n = partition.size();
    // Peer groups: [peerStart[i], peerEnd[i]] are the rows equal to row i in the window order.
    int[] peerStart = new int[n];
    int[] peerEnd = new int[n];
    int[] denseRank = new int[n];
    int groups = 0;
    for (int i = 0; i < n; i++) {
      boolean newGroup = i == 0 || (hasOrder && peers.compare(partition.get(i - 1), partition.get(i)) != 0);
      if (newGroup) {
        groups++;
      }
      peerStart[i] = newGroup ? i : peerStart[i - 1];
      denseRank[i] = groups;
    }
    for (int i = n - 1; i >= 0; i--) {
      peerEnd[i] = i == n - 1 || peerStart[i + 1] != peerStart[i] ? i : peerEnd[i + 1];
    }
    values = new Object[calls.size()][];
    for (int c = 0; c < calls.size(); c++) {
      WindowCall call = calls.get(c);
      Object[] v = new Object[n];
      switch (call.function()) {
        case ROW_NUMBER -> {
          for (int i = 0; i < n; i++) {
            v[i] = (long) i + 1;
          }
        }
        case RANK -> {
          for (int i = 0; i < n; i++) {
            v[i] = (long) peerStart[i] + 1;
          }
        }
        case DENSE_RANK -> {
          for (int i = 0; i < n; i++) {
            v[i] = (long) denseRank[i];
          }
        }
        case NTILE -> ntile(v, n, call.offset());
        case LAG, LEAD -> {
          long step = call.function() == WindowFunction.LAG ? -call.offset() : call.offset();
          for (int i = 0; i < n; i++) {
            long j = i + step;
            v[i] = j >= 0 && j < n ? partition.get((int) j)[call.column()]
                : call.defaultColumn() < 0 ? null : partition.get(i)[call.defaultColumn()];
          }
        }
        case FIRST_VALUE, LAST_VALUE, SUM, COUNT, MIN, MAX -> framed(call, accumulators.get(c), v, n, peerStart,
            peerEnd);
      }
      values[c] = v;
    }
  }

  /** Bucket numbers 1..buckets; the first {@code n % buckets} buckets have one row more than the others. */
  private static void ntile(Object[] v, int n, long buckets) {
    long size = n / buckets;
    long bigger = n % buckets;
    long bigRows = bigger * (size + 1);
    for (int i = 0; i < n; i++) {
      v[i] = i < bigRows ? i / (size + 1) + 1 : (i - bigRows) / size + bigger + 1;
    }
  }

  private void framed(WindowCall call, Accumulators acc, Object[] v, int n, int[] peerStart, int[] peerEnd) {
    WindowFrame frame = call.frame();
    long[] lo = new long[n];
    long[] hi = new long[n];
    for (int i = 0; i < n; i++) {
      lo[i] = Math.max(0, bound(frame.lower(), frame.unit(), i, n, peerStart[i]));
      hi[i] = Math.min(n - 1, bound(frame.upper(), frame.unit(), i, n, peerEnd[i]));
    }
    if (acc == null) {  // FIRST_VALUE, LAST_VALUE
      boolean first = call.function() == WindowFunction.FIRST_VALUE;
      for (int i = 0; i < n; i++) {
        v[i] = lo[i] > hi[i] ? null : partition.get((int) (first ? lo[i] : hi[i]))[call.column()];
      }
      return;
    }
    Object empty = call.function() == WindowFunction.COUNT ? (Object) 0L : null;
    if (frame.lower().kind() == WindowFrame.BoundKind.UNBOUNDED_PRECEDING) {
      // Frames only grow at their end: one running state.
      Object[] state = null;
      int next = 0;
      for (int i = 0; i < n; i++) {
        for (; next <= hi[i]; next++) {
          state = state == null ? acc.init(partition.get(next)) : acc.addRow(state, partition.get(next));
        }
        v[i] = state == null ? empty : acc.finish(state)[0];
      }
    } else if (frame.upper().kind() == WindowFrame.BoundKind.UNBOUNDED_FOLLOWING) {
      // Frames only grow at their start going backwards: one running state from the end.
      Object[] state = null;
      int next = n - 1;
      for (int i = n - 1; i >= 0; i--) {
        for (; next >= lo[i]; next--) {
          state = state == null ? acc.init(partition.get(next)) : acc.addRow(state, partition.get(next));
        }
        v[i] = state == null ? empty : acc.finish(state)[0];
      }
    } else {
      for (int i = 0; i < n; i++) {
        Object[] state = null;
        for (long j = lo[i]; j <= hi[i]; j++) {
          state = state == null ? acc.init(partition.get((int) j)) : acc.addRow(state, partition.get((int) j));
        }
        v[i] = state == null ? empty : acc.finish(state)[0];
      }
    }
  }

  /**
   * The row index a frame bound stands for (before clamping to the partition); {@code peer} is where the current
   * row's peer group starts (for a lower bound) or ends (for an upper bound).
   */
  private static long bound(WindowFrame.Bound b, WindowFrame.Unit unit, int i, int n, int peer) {
    return switch (b.kind()) {
      case UNBOUNDED_PRECEDING -> 0;
      case PRECEDING -> (long) i - b.offset();
      case CURRENT_ROW -> unit == WindowFrame.Unit.RANGE ? peer : i;
      case FOLLOWING -> (long) i + b.offset();
      case UNBOUNDED_FOLLOWING -> n - 1;
    };
  }

  @Override
  public void close() {
    rows.release();
    reservation.close();
    input.close();
    super.close();
  }
}
