package io.gleam.exec.operator;

import io.gleam.exec.RunContext;
import io.gleam.exec.memory.MemoryReservation;
import io.gleam.exec.rows.RowInput;
import io.gleam.exec.rows.RowKey;
import io.gleam.exec.rows.RowSizes;
import io.gleam.planner.plan.AggCall;
import io.gleam.planner.plan.AggFunction;
import io.gleam.planner.plan.PlanNode;
import io.gleam.planner.plan.Reducer;
import io.gleam.udf.lua.LuaValues;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.luaj.vm2.LuaString;

/**
 * The partial phase of an aggregate whose calls are all COUNT or SUM over integer columns (word count's shape).
 * Algorithm: an open-addressing hash table (linear probing) holding keys, their hashes and the running sums in
 * parallel primitive arrays, so a row costs one probe and no allocation. When its memory reservation is refused it
 * emits what it holds and starts over, as every partial aggregate may; it never spills. Memory: the table, within
 * the budget.
 */
public final class LongPartialAggregateOperator extends RowOperator {
  private static final Object NULL_KEY = new Object();

  private final Operator input;
  private final RowInput rows;
  private final int[] keys;
  private final int[] valueColumns;
  private final boolean[] isCount;
  private final int calls;
  private final MemoryReservation reservation;
  private final RunContext context;
  private Object[] slotKeys;
  private int[] slotHashes;
  private long[] sums;
  private boolean[] seen;
  private int size;
  /** Key bytes of string keys from Lua, stored inline so a probe compares bytes without chasing pointers. */
  private byte[] arena = new byte[1 << 16];
  private int arenaUsed;
  private int[] keyOffsets;
  private int[] keyLengths;
  private int emitSlot = -1;
  private boolean inputDone;

  /** Whether {@code node} has this operator's shape: PARTIAL, built-in COUNT or SUM over integer columns. */
  public static boolean applies(PlanNode.Aggregate node) {
    if (node.mode() != PlanNode.AggMode.PARTIAL || !(node.reducer() instanceof Reducer.Builtin b)
        || b.calls().isEmpty()) {
      return false;
    }
    for (AggCall call : b.calls()) {
      if (call.function() == AggFunction.COUNT) {
        continue;
      }
      if (call.function() != AggFunction.SUM
          || !(node.input().schema().getFields().get(call.column()).getType() instanceof ArrowType.Int)) {
        return false;
      }
    }
    return true;
  }

  public LongPartialAggregateOperator(PlanNode.Aggregate node, Operator input, RunContext context, String consumer) {
    super(node.schema(), context.allocator(), context.options().batchRows());
    this.input = input;
    this.rows = new RowInput(input);
    this.keys = node.keys();
    List<AggCall> list = ((Reducer.Builtin) node.reducer()).calls();
    this.calls = list.size();
    this.valueColumns = new int[calls];
    this.isCount = new boolean[calls];
    for (int c = 0; c < calls; c++) {
      valueColumns[c] = list.get(c).column();
      isCount[c] = list.get(c).function() == AggFunction.COUNT;
    }
    this.context = context;
    this.reservation = context.memoryPool().reservation(consumer);
    allocate(1024);
  }

  private void allocate(int capacity) {
    slotKeys = new Object[capacity];
    slotHashes = new int[capacity];
    sums = new long[capacity * calls];
    seen = new boolean[capacity * calls];
    keyOffsets = new int[capacity];
    keyLengths = new int[capacity];
  }

  @Override
  public Object[] nextRow() {
    while (true) {
      if (emitSlot >= 0) {
        Object[] row = nextEmitted();
        if (row != null) {
          return row;
        }
        emitSlot = -1;
        Arrays.fill(slotKeys, null);
        size = 0;
        arenaUsed = 0;
        reservation.shrinkAll();
      }
      if (inputDone) {
        return null;
      }
      consume();
      emitSlot = 0;
    }
  }

  /** Reads input until it ends or the table must be emitted. */
  private void consume() {
    Object[] row;
    long n = 0;
    while ((row = rows.nextRow()) != null) {
      if ((++n & 0xFFFF) == 0) {
        context.checkCancelled();
      }
      Object key = key(row);
      if (key instanceof LuaString ls) {
        if (!addLuaString(ls, row)) {
          return;
        }
        continue;
      }
      int h = spread(key.hashCode());
      int mask = slotKeys.length - 1;
      int slot = h & mask;
      Object k;
      while ((k = slotKeys[slot]) != null && !(slotHashes[slot] == h && (k == key || k.equals(key)))) {
        slot = (slot + 1) & mask;
      }
      if (k == null) {
        // the key, and its share of the table's arrays (kept at most half full)
        if (!reservation.tryGrow(RowSizes.estimate(new Object[] {key}) + 2L * (12 + 9L * calls))) {
          insert(slot, key, h, row);
          return;
        }
        insert(slot, key, h, row);
        if (size * 2 > slotKeys.length) {
          grow();
        }
      } else {
        add(slot, row);
      }
    }
    inputDone = true;
  }

  /**
   * Adds a row keyed by a Lua string: probes by hash, then compares the bytes with the arena copy. Returns false
   * when the table must be emitted first (the row is already added).
   */
  private boolean addLuaString(LuaString key, Object[] row) {
    byte[] bytes = key.m_bytes;
    int off = key.m_offset;
    int len = key.m_length;
    int h = spread(key.hashCode());
    int mask = slotKeys.length - 1;
    int slot = h & mask;
    while (slotKeys[slot] != null) {
      if (slotHashes[slot] == h && slotKeys[slot] == ARENA_KEY && keyLengths[slot] == len
          && Arrays.equals(arena, keyOffsets[slot], keyOffsets[slot] + len, bytes, off, off + len)) {
        add(slot, row);
        return true;
      }
      slot = (slot + 1) & mask;
    }
    if (arenaUsed + len > arena.length) {
      arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaUsed + len));
    }
    System.arraycopy(bytes, off, arena, arenaUsed, len);
    keyOffsets[slot] = arenaUsed;
    keyLengths[slot] = len;
    arenaUsed += len;
    boolean granted = reservation.tryGrow(len + 2L * (20 + 9L * calls));
    insert(slot, ARENA_KEY, h, row);
    if (granted && size * 2 > slotKeys.length) {
      grow();
    }
    return granted;
  }

  /** Marks a slot whose key lives in the arena. */
  private static final Object ARENA_KEY = new Object();

  private void insert(int slot, Object key, int h, Object[] row) {
    slotKeys[slot] = key;
    slotHashes[slot] = h;
    int base = slot * calls;
    Arrays.fill(sums, base, base + calls, 0L);
    Arrays.fill(seen, base, base + calls, false);
    size++;
    add(slot, row);
  }

  private void add(int slot, Object[] row) {
    int base = slot * calls;
    for (int c = 0; c < calls; c++) {
      int col = valueColumns[c];
      Object v = col < 0 ? Boolean.TRUE : row[col];
      if (v == null) {
        continue;
      }
      sums[base + c] += isCount[c] ? 1 : ((Number) v).longValue();
      seen[base + c] = true;
    }
  }

  private void grow() {
    Object[] oldKeys = slotKeys;
    int[] oldHashes = slotHashes;
    long[] oldSums = sums;
    boolean[] oldSeen = seen;
    int[] oldOffsets = keyOffsets;
    int[] oldLengths = keyLengths;
    allocate(oldKeys.length * 2);
    int mask = slotKeys.length - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != null) {
        int slot = oldHashes[i] & mask;
        while (slotKeys[slot] != null) {
          slot = (slot + 1) & mask;
        }
        slotKeys[slot] = oldKeys[i];
        slotHashes[slot] = oldHashes[i];
        keyOffsets[slot] = oldOffsets[i];
        keyLengths[slot] = oldLengths[i];
        System.arraycopy(oldSums, i * calls, sums, slot * calls, calls);
        System.arraycopy(oldSeen, i * calls, seen, slot * calls, calls);
      }
    }
  }

  private Object[] nextEmitted() {
    while (emitSlot < slotKeys.length && slotKeys[emitSlot] == null) {
      emitSlot++;
    }
    if (emitSlot >= slotKeys.length) {
      return null;
    }
    Object key = slotKeys[emitSlot];
    Object[] out = new Object[keys.length + calls];
    if (key == ARENA_KEY) {
      out[0] = new String(arena, keyOffsets[emitSlot], keyLengths[emitSlot], StandardCharsets.UTF_8);
    } else if (keys.length == 1) {
      out[0] = javaValue(key == NULL_KEY ? null : key);
    } else {
      Object[] kv = ((RowKey) key).values();
      for (int i = 0; i < kv.length; i++) {
        out[i] = javaValue(kv[i]);
      }
    }
    int base = emitSlot * calls;
    for (int c = 0; c < calls; c++) {
      out[keys.length + c] = isCount[c] || seen[base + c] ? (Object) sums[base + c] : null;
    }
    emitSlot++;
    return out;
  }

  private Object key(Object[] row) {
    if (keys.length == 1) {
      Object v = row[keys[0]];
      return v == null ? NULL_KEY : v;
    }
    return RowKey.of(row, keys);
  }

  /** Keys that arrived as Lua strings (see {@code LuaChain.keepRawStrings}) leave as Java strings. */
  private static Object javaValue(Object v) {
    return v instanceof LuaString s ? LuaValues.toJava(s) : v;
  }

  private static int spread(int h) {
    h *= 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  @Override
  public void close() {
    rows.release();
    reservation.close();
    input.close();
    super.close();
  }
}
