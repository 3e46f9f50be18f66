package io.gleam.exec.operator;

import io.gleam.exec.RunContext;
import io.gleam.exec.memory.MemoryReservation;
import io.gleam.exec.rows.RowInput;
import io.gleam.exec.rows.RowKey;
import io.gleam.exec.rows.RowSizes;
import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
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
 *
 * <p>Algorithm: an open-addressing index (linear probing, at most half full) of {@code long}s, each holding a key's
 * hash in the high half and its entry number in the low half, over one {@code long[]} of entries kept in insertion
 * order: per entry a header word (where the key is) followed by the running sums. String keys (Java strings as
 * their UTF-8 bytes, Lua strings as they are) live in one byte arena, so Java and Lua strings with the same text
 * meet in one entry. A row touches three places: an index word (collisions are rejected there, without touching the
 * entry), the entry's words (header and sums share a cache line), and the key's bytes; frequent keys arrive first
 * and sit together at the front of the entries and the arena, which keeps them in cache. A row costs one probe and
 * no allocation beyond a Java string's bytes. When its memory reservation is refused it emits what it holds and
 * starts over, as every partial aggregate may; it never spills. Memory: the index, the entries and the arena,
 * within the budget.
 */
public final class LongPartialAggregateOperator extends RowOperator {
  private static final Object NULL_KEY = new Object();
  /** Header of an entry whose key is an object in {@link #objectKeys}; byte keys have {@code off << 24 | len << 1 | 1}. */
  private static final long OBJECT_KEY = 0L;
  private static final int MAX_ARENA_KEY = (1 << 23) - 1;

  private final Operator input;
  private final RowInput rows;
  private final int[] keys;
  private final int[] valueColumns;
  private final boolean[] isCount;
  /** How the calls read in an error: {@code SUM(v) as total}. */
  private final String[] callNames;
  private final int calls;
  /** Longs per entry: the header, then one sum per call. */
  private final int stride;
  private final MemoryReservation reservation;
  private final RunContext context;
  /** (hash << 32) | (entry + 1); 0 is an empty slot. */
  private long[] index;
  private int size;
  private long[] entries;
  /** Whether a SUM has seen a non-null value, per entry and call; COUNT never reads it. */
  private boolean[] seen;
  private Object[] objectKeys = new Object[0];
  private byte[] arena = new byte[1 << 16];
  private int arenaUsed;
  private int emitEntry = -1;
  /** The hash of the key last looked up, and the UTF-8 bytes of the last Java string looked up. */
  private int probeHash;
  private byte[] stringBytes;
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
    this.callNames = new String[list.size()];
    for (int c = 0; c < callNames.length; c++) {
      callNames[c] = "SUM(" + node.input().schema().getFields().get(Math.max(0, list.get(c).column())).getName()
          + ") as " + list.get(c).name();
    }
    this.calls = list.size();
    this.stride = 1 + calls;
    this.valueColumns = new int[calls];
    this.isCount = new boolean[calls];
    for (int c = 0; c < calls; c++) {
      valueColumns[c] = list.get(c).column();
      isCount[c] = list.get(c).function() == AggFunction.COUNT;
    }
    this.context = context;
    this.reservation = context.memoryPool().reservation(consumer);
    index = new long[1024];
    entries = new long[512 * stride];
    seen = new boolean[512 * calls];
  }

  @Override
  public Object[] nextRow() {
    while (true) {
      if (emitEntry >= 0) {
        if (emitEntry < size) {
          return emit(emitEntry++);
        }
        emitEntry = -1;
        Arrays.fill(objectKeys, null);
        Arrays.fill(index, 0L);
        size = 0;
        arenaUsed = 0;
        reservation.shrinkAll();
      }
      if (inputDone) {
        return null;
      }
      consume();
      emitEntry = 0;
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
      int entry;
      if (key instanceof String s) {
        entry = findString(s);
      } else if (key instanceof LuaString ls && ls.m_length <= MAX_ARENA_KEY) {
        entry = findBytes(ls.m_bytes, ls.m_offset, ls.m_length);
      } else {
        entry = findObject(key);
      }
      if (entry >= 0) {
        add(entry, row);
      } else if (!insert(key, -entry - 1, row)) {
        return;
      }
    }
    inputDone = true;
  }

  /**
   * The entry of {@code s}, or {@code -slot - 1} for the empty slot where it belongs. An ASCII string (the usual
   * case) is hashed and compared char by char, without copying it, exactly as its UTF-8 bytes would be; any other
   * string is looked up by its UTF-8 bytes.
   */
  private int findString(String s) {
    int len = s.length();
    int h = len;
    int any = 0;
    for (int i = 0; i < len; i++) {
      char c = s.charAt(i);
      any |= c;
      h = 31 * h + c;
    }
    if (any >= 0x80 || len > MAX_ARENA_KEY) {
      stringBytes = s.getBytes(StandardCharsets.UTF_8);
      return stringBytes.length <= MAX_ARENA_KEY ? findBytes(stringBytes, 0, stringBytes.length) : findObject(s);
    }
    stringBytes = null;
    h = spread(h);
    probeHash = h;
    long[] idx = index;
    int mask = idx.length - 1;
    for (int slot = h & mask; ; slot = (slot + 1) & mask) {
      long word = idx[slot];
      if (word == 0) {
        return -slot - 1;
      }
      if ((int) (word >>> 32) == h) {
        int e = (int) word - 1;
        long header = entries[e * stride];
        if ((header & 1) != 0 && (int) (header >>> 1 & MAX_ARENA_KEY) == len
            && sameAscii(s, (int) (header >>> 24), len)) {
          return e;
        }
      }
    }
  }

  private boolean sameAscii(String s, int off, int len) {
    byte[] a = arena;
    for (int i = 0; i < len; i++) {
      if (a[off + i] != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** The entry of the key with these bytes, or {@code -slot - 1} for the empty slot where it belongs. */
  private int findBytes(byte[] bytes, int off, int len) {
    int h = len;
    for (int i = off, end = off + len; i < end; i++) {
      h = 31 * h + bytes[i];
    }
    h = spread(h);
    probeHash = h;
    long[] idx = index;
    int mask = idx.length - 1;
    for (int slot = h & mask; ; slot = (slot + 1) & mask) {
      long word = idx[slot];
      if (word == 0) {
        return -slot - 1;
      }
      if ((int) (word >>> 32) == h) {
        int e = (int) word - 1;
        long header = entries[e * stride];
        if ((header & 1) != 0 && (int) (header >>> 1 & MAX_ARENA_KEY) == len) {
          int o = (int) (header >>> 24);
          if (Arrays.equals(arena, o, o + len, bytes, off, off + len)) {
            return e;
          }
        }
      }
    }
  }

  private int findObject(Object key) {
    int h = spread(key.hashCode());
    probeHash = h;
    int mask = index.length - 1;
    for (int slot = h & mask; ; slot = (slot + 1) & mask) {
      long word = index[slot];
      if (word == 0) {
        return -slot - 1;
      }
      if ((int) (word >>> 32) == h) {
        int e = (int) word - 1;
        if (entries[e * stride] == OBJECT_KEY && key.equals(objectKeys[e])) {
          return e;
        }
      }
    }
  }

  /**
   * Adds a new entry for {@code key}, just looked up and missed, at the empty {@code slot}, and adds {@code row} to
   * it. Returns false when the memory reservation was refused, so the table must be emitted first (the row is
   * already added).
   */
  private boolean insert(Object key, int slot, Object[] row) {
    if ((size + 1) * stride > entries.length) {
      entries = Arrays.copyOf(entries, entries.length * 2);
      seen = Arrays.copyOf(seen, seen.length * 2);
    }
    int e = size++;
    int base = e * stride;
    int at = arenaUsed;
    int len = -1;
    if (key instanceof String str && stringBytes == null) {
      len = str.length();  // ASCII (see findString): one byte per char
      for (int i = 0, o = reserveArena(len); i < len; i++) {
        arena[o + i] = (byte) str.charAt(i);
      }
    } else if (key instanceof String && stringBytes.length <= MAX_ARENA_KEY) {
      len = stringBytes.length;
      System.arraycopy(stringBytes, 0, arena, reserveArena(len), len);
    } else if (key instanceof LuaString ls && ls.m_length <= MAX_ARENA_KEY) {
      len = ls.m_length;
      System.arraycopy(ls.m_bytes, ls.m_offset, arena, reserveArena(len), len);
    }
    long bytes;
    if (len >= 0) {
      entries[base] = ((long) at << 24) | ((long) len << 1) | 1;
      bytes = len;
    } else {
      if (e >= objectKeys.length) {
        objectKeys = Arrays.copyOf(objectKeys, Math.max(16, entries.length / stride));
      }
      objectKeys[e] = key;
      entries[base] = OBJECT_KEY;
      bytes = RowSizes.estimate(new Object[] {key});
    }
    index[slot] = ((long) probeHash << 32) | (e + 1);
    Arrays.fill(entries, base + 1, base + stride, 0L);
    Arrays.fill(seen, e * calls, e * calls + calls, false);
    add(e, row);
    // the key, its share of the index (kept at most half full) and its entry
    boolean granted = reservation.tryGrow(bytes + 16 + 8L * stride + calls);
    if (granted && size * 2 > index.length) {
      rehash(index.length * 2);
    }
    return granted;
  }

  /** Makes room for {@code len} more key bytes at the end of the arena; returns where they go. */
  private int reserveArena(int len) {
    if (arenaUsed + len > arena.length) {
      arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaUsed + len));
    }
    int at = arenaUsed;
    arenaUsed += len;
    return at;
  }

  private void add(int entry, Object[] row) {
    int base = entry * stride + 1;
    for (int c = 0; c < calls; c++) {
      int col = valueColumns[c];
      if (isCount[c]) {
        if (col < 0 || row[col] != null) {
          entries[base + c]++;
        }
      } else {
        Object v = row[col];
        if (v != null) {
          long sum = entries[base + c];
          long x = ((Number) v).longValue();
          long r = sum + x;
          if (((sum ^ r) & (x ^ r)) < 0) {
            throw GleamException.user(ErrorCode.INVALID_FLOW, "%s: the sum overflows BIGINT (adding %d to %d)",
                callNames[c], x, sum);
          }
          entries[base + c] = r;
          seen[entry * calls + c] = true;
        }
      }
    }
  }

  private void rehash(int capacity) {
    long[] old = index;
    index = new long[capacity];
    int mask = capacity - 1;
    for (long word : old) {
      if (word != 0) {
        int slot = (int) (word >>> 32) & mask;
        while (index[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        index[slot] = word;
      }
    }
  }

  private Object[] emit(int e) {
    Object[] out = new Object[keys.length + calls];
    int base = e * stride;
    long header = entries[base];
    if (header != OBJECT_KEY) {
      out[0] = new String(arena, (int) (header >>> 24), (int) (header >>> 1 & MAX_ARENA_KEY), StandardCharsets.UTF_8);
    } else if (keys.length == 1) {
      Object key = objectKeys[e];
      out[0] = javaValue(key == NULL_KEY ? null : key);
    } else {
      Object[] kv = ((RowKey) objectKeys[e]).values();
      for (int i = 0; i < kv.length; i++) {
        out[i] = javaValue(kv[i]);
      }
    }
    for (int c = 0; c < calls; c++) {
      out[keys.length + c] = isCount[c] || seen[e * calls + c] ? (Object) entries[base + 1 + c] : null;
    }
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
