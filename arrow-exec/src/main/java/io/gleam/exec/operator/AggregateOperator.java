package io.gleam.exec.operator;

import io.gleam.exec.RunContext;
import io.gleam.exec.memory.KWayMerge;
import io.gleam.exec.memory.MemoryReservation;
import io.gleam.exec.memory.SpillFile;
import io.gleam.exec.rows.RowComparator;
import io.gleam.exec.rows.RowInput;
import io.gleam.exec.rows.RowKey;
import io.gleam.exec.rows.RowSizes;
import io.gleam.exec.udf.ValueCombiner;
import io.gleam.planner.plan.AggregateSchemas;
import io.gleam.planner.plan.PlanNode;
import io.gleam.udf.lua.LuaValues;
import org.luaj.vm2.LuaString;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Hash aggregate by key columns. Algorithm: a hash map from key to state. PARTIAL mode emits the map early when
 * its memory reservation is refused (the final phase combines the pieces), so it never spills. FINAL and SINGLE
 * modes spill the map as a run sorted by key (keys then state columns, an Arrow IPC file) when refused, and at
 * the end merge the runs, combining equal keys. Memory: one entry per distinct key held, within the budget.
 */
public final class AggregateOperator extends RowOperator {
  private final Operator input;
  private final RowInput rows;
  private final int[] keys;
  private final PlanNode.AggMode mode;
  private final Accumulators acc;
  private final MemoryReservation reservation;
  private final RunContext context;
  private final Schema stateSchema;
  private final int keyCount;
  private final Map<Object, Object[]> table = new HashMap<>();
  private final List<SpillFile> runs = new ArrayList<>();
  private Iterator<Map.Entry<Object, Object[]>> output;
  private CombiningMerge merged;
  private boolean inputDone;

  public AggregateOperator(PlanNode.Aggregate node, Operator input, ValueCombiner user, RunContext context,
      String consumer) {
    super(node.schema(), context.allocator(), context.options().batchRows());
    this.input = input;
    this.rows = new RowInput(input);
    this.keys = node.keys();
    this.mode = node.mode();
    this.context = context;
    this.keyCount = keys.length;
    Schema inSchema = node.input().schema();
    if (mode == PlanNode.AggMode.FINAL) {
      // Input rows are partial states: keys first, then state columns.
      int[] stateKeys = new int[keyCount];
      for (int i = 0; i < keyCount; i++) {
        stateKeys[i] = i;
      }
      this.acc = new Accumulators(node.reducer(), user, inSchema.getFields().size(), stateKeys);
      this.stateSchema = inSchema;
    } else {
      this.acc = new Accumulators(node.reducer(), user, inSchema.getFields().size(), keys);
      this.stateSchema = AggregateSchemas.partial(inSchema, keys, node.reducer());
    }
    this.reservation = context.memoryPool().reservation(consumer);
  }

  @Override
  public Object[] nextRow() {
    while (true) {
      if (merged != null) {
        return nextMerged();
      }
      if (output != null) {
        if (output.hasNext()) {
          Map.Entry<Object, Object[]> e = output.next();
          output.remove();
          return outputRow(keyValues(e.getKey()), e.getValue());
        }
        output = null;
        reservation.shrinkAll();
        if (inputDone) {
          return null;
        }
      }
      if (inputDone) {
        return null;
      }
      consume();
    }
  }

  /** Reads input until it ends or (PARTIAL) the table must be flushed. */
  private void consume() {
    Object[] row;
    long n = 0;
    while ((row = rows.nextRow()) != null) {
      if ((++n & 0xFFFF) == 0) {
        context.checkCancelled();
      }
      Object key = hashKey(row);
      Object[] state = table.get(key);
      if (state == null) {
        Object[] init = mode == PlanNode.AggMode.FINAL ? Arrays.copyOfRange(row, keyCount, row.length) : acc.init(row);
        long size = RowSizes.estimate(keyValues(key)) + RowSizes.estimate(init) + 48;
        if (!reservation.tryGrow(size)) {
          if (mode == PlanNode.AggMode.PARTIAL) {
            table.put(key, init);
            reservation.growUnchecked(size);
            output = table.entrySet().iterator();
            return;
          }
          spill();
          reservation.growUnchecked(size);
        }
        table.put(key, init);
      } else {
        Object[] updated = mode == PlanNode.AggMode.FINAL
            ? acc.merge(state, Arrays.copyOfRange(row, keyCount, row.length)) : acc.addRow(state, row);
        if (updated != state) {
          table.put(key, updated);
        }
      }
    }
    inputDone = true;
    if (runs.isEmpty()) {
      output = table.entrySet().iterator();
    } else {
      spill();
      List<io.gleam.exec.operator.RowStream> readers = new ArrayList<>();
      runs.forEach(r -> readers.add(r.reader()));
      merged = new CombiningMerge(new KWayMerge(readers, RowComparator.keyPrefix(keyCount)));
    }
  }

  /**
   * The hash map key of a row: with one key column the value itself (no wrapper to allocate per row), else a
   * {@link RowKey}.
   */
  private Object hashKey(Object[] row) {
    if (keyCount == 1) {
      Object v = row[mode == PlanNode.AggMode.FINAL ? 0 : keys[0]];
      return v == null ? NULL_KEY : v;
    }
    return mode == PlanNode.AggMode.FINAL ? new RowKey(Arrays.copyOf(row, keyCount)) : RowKey.of(row, keys);
  }

  private Object[] keyValues(Object key) {
    if (keyCount == 1) {
      return new Object[] {key == NULL_KEY ? null : key};
    }
    return ((RowKey) key).values();
  }

  private static final Object NULL_KEY = new Object();

  /** Keys that arrived as Lua strings (see {@code LuaChain.keepRawStrings}) become Java strings on the way out. */
  private static Object[] normalizeKeys(Object[] keyVals) {
    for (int i = 0; i < keyVals.length; i++) {
      if (keyVals[i] instanceof LuaString s) {
        keyVals[i] = LuaValues.toJava(s);
      }
    }
    return keyVals;
  }

  private void spill() {
    List<Object[]> sorted = new ArrayList<>(table.size());
    for (Map.Entry<Object, Object[]> e : table.entrySet()) {
      Object[] k = normalizeKeys(keyValues(e.getKey()));
      Object[] s = e.getValue();
      Object[] r = Arrays.copyOf(k, k.length + s.length);
      System.arraycopy(s, 0, r, k.length, s.length);
      sorted.add(r);
    }
    table.clear();
    sorted.sort(RowComparator.keyPrefix(keyCount));
    SpillFile run = SpillFile.write(context.options().spillDirectory(), reservation.consumer(), stateSchema,
        sorted.iterator(), context.allocator(), context.options().batchRows());
    metrics.addSpill(run.bytes());
    context.count("spills", 1);
    runs.add(run);
    if (runs.size() >= MAX_RUNS) {
      compactRuns();
    }
    reservation.shrinkAll();
  }

  private Object[] nextMerged() {
    Object[] combined = merged.nextRow();
    if (combined == null) {
      return null;
    }
    return outputRow(Arrays.copyOf(combined, keyCount), Arrays.copyOfRange(combined, keyCount, combined.length));
  }

  /** Merges sorted runs of (keys, state) rows, folding rows with equal keys into one. */
  private final class CombiningMerge implements RowStream {
    private final KWayMerge merge;
    private final RowComparator keyOrder = RowComparator.keyPrefix(keyCount);
    private Object[] head;
    private boolean started;

    CombiningMerge(KWayMerge merge) {
      this.merge = merge;
    }

    @Override
    public Object[] nextRow() {
      if (!started) {
        head = merge.nextRow();
        started = true;
      }
      if (head == null) {
        return null;
      }
      Object[] keyVals = Arrays.copyOf(head, keyCount);
      Object[] state = Arrays.copyOfRange(head, keyCount, head.length);
      while (true) {
        head = merge.nextRow();
        if (head == null || keyOrder.compare(head, keyVals) != 0) {
          break;
        }
        state = acc.merge(state, Arrays.copyOfRange(head, keyCount, head.length));
      }
      Object[] out = Arrays.copyOf(keyVals, keyCount + state.length);
      System.arraycopy(state, 0, out, keyCount, state.length);
      return out;
    }
  }

  /** Folds all runs into one, so the final merge never holds more than {@link #MAX_RUNS} files open. */
  private void compactRuns() {
    List<RowStream> readers = new ArrayList<>();
    runs.forEach(r -> readers.add(r.reader()));
    CombiningMerge combining = new CombiningMerge(new KWayMerge(readers, RowComparator.keyPrefix(keyCount)));
    java.util.Iterator<Object[]> rowsIn = new java.util.Iterator<>() {
      private Object[] next = combining.nextRow();

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public Object[] next() {
        Object[] r = next;
        next = combining.nextRow();
        return r;
      }
    };
    SpillFile compacted = SpillFile.write(context.options().spillDirectory(), reservation.consumer(), stateSchema,
        rowsIn, context.allocator(), context.options().batchRows());
    runs.forEach(SpillFile::close);
    runs.clear();
    runs.add(compacted);
  }

  private static final int MAX_RUNS = 64;

  private Object[] outputRow(Object[] keyVals, Object[] state) {
    normalizeKeys(keyVals);
    Object[] values = mode == PlanNode.AggMode.PARTIAL ? state : acc.finish(state);
    Object[] out = Arrays.copyOf(keyVals, keyVals.length + values.length);
    System.arraycopy(values, 0, out, keyVals.length, values.length);
    return out;
  }

  @Override
  public void close() {
    table.clear();
    rows.release();
    reservation.close();
    runs.forEach(SpillFile::close);
    input.close();
    super.close();
  }
}
