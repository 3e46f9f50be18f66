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
 * <p>Algorithm: one open-addressing table (linear probing, at most half full) of {@code long} slots, each
 * {@code 3 + calls} words: the key's hash with a tag, the key itself when it is short, then the running sums. A key
 * of at most 15 bytes (a Java string as its UTF-8 bytes, a Lua string as it is) is packed with its length into the
 * second and third words, so looking it up reads one slot and nothing else: hash and packed key are compared in
 * place and the sums sit beside them. Word count's keys are nearly all that short (in its Zipf corpus 63% of words
 * have at most 7 bytes, 37% 8 to 15, 0.1% more), and a lookup of a rare word then misses the cache once instead of
 * three times (slot, side entry, key bytes), which is where its time went. Longer byte keys live
 * in one byte arena and other keys (numbers, NULL, several columns) in an object array, both reached through a
 * side entry the tag names; Java and Lua strings with the same text meet in one slot either way. A row costs one
 * probe and no allocation beyond a non-ASCII Java string's bytes. When its memory reservation is refused it emits
 * what it holds and starts over, as every partial aggregate may; it never spills. Memory: the table, the side
 * entries and the arena, within the budget.
 */
public final class LongPartialAggregateOperator extends RowOperator {
  private static final Object NULL_KEY = new Object();
  /** Side header of a key held in {@link #objectKeys}; byte keys have {@code off << 24 | len << 1 | 1}. */
  private static final long OBJECT_KEY = 0L;
  private static final int MAX_ARENA_KEY = (1 << 23) - 1;
  /** The longest key packed into its slot, in bytes; the sixteenth byte holds the length. */
  private static final int MAX_INLINE_KEY = 15;
  private static final int INITIAL_SLOTS = 1024;
  /** Rows looked up together, so that their first slots are read while earlier reads still miss the cache. */
  private static final int BATCH = 64;

  private final Operator input;
  private final RowInput rows;
  private final int[] keys;
  private final int[] valueColumns;
  private final boolean[] isCount;
  /** How the calls read in an error: {@code SUM(v) as total}. */
  private final String[] callNames;
  private final int calls;
  /**
   * Longs per slot: {@code hash << 32 | side << 1 | 1} (0 when empty; side is 0 for a packed key, else its side
   * entry + 1), the packed key as two words (bytes 0-7, then bytes 8-14 and {@code len << 56}, little-endian),
   * then one sum per call.
   */
  private final int slotWords;
  private final MemoryReservation reservation;
  private final RunContext context;
  private long[] table;
  private int slots;
  private int size;
  /** Whether a SUM has seen a non-null value, per slot and call; COUNT never reads it. */
  private boolean[] seen;
  /** Per side entry: where its bytes are in the arena, or {@link #OBJECT_KEY}. */
  private long[] sideHeaders = new long[64];
  private Object[] objectKeys = new Object[64];
  private int sideSize;
  private byte[] arena = new byte[1 << 16];
  private int arenaUsed;
  private int emitSlot = -1;
  /** The hash of the key last looked up, its packed form if it fits a slot, and a non-ASCII Java string's bytes. */
  private int probeHash;
  private boolean probeInline;
  private long probePacked0;
  private long probePacked1;
  private byte[] stringBytes;
  /** What {@link #packAscii} and {@link #packBytes} computed. */
  private int packHash;
  private long packP0;
  private long packP1;
  /** The batch being looked up (see {@link #consume}): rows, keys, and the packed form of each short key. */
  private final Object[][] batchRows = new Object[BATCH][];
  private final Object[] batchKeys = new Object[BATCH];
  private final boolean[] batchInline = new boolean[BATCH];
  private final int[] batchHash = new int[BATCH];
  private final long[] batchP0 = new long[BATCH];
  private final long[] batchP1 = new long[BATCH];
  private int batchSize;
  private int batchNext;
  private long rowsRead;
  /** Keeps the slot reads of {@link #fillBatch} from being optimized away. */
  private long touchSink;
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
    this.slotWords = 3 + calls;
    this.valueColumns = new int[calls];
    this.isCount = new boolean[calls];
    for (int c = 0; c < calls; c++) {
      valueColumns[c] = list.get(c).column();
      isCount[c] = list.get(c).function() == AggFunction.COUNT;
    }
    this.context = context;
    this.reservation = context.memoryPool().reservation(consumer);
    newTable(INITIAL_SLOTS);
  }

  private void newTable(int capacity) {
    slots = capacity;
    table = new long[capacity * slotWords];
    seen = new boolean[capacity * calls];
  }

  @Override
  public Object[] nextRow() {
    while (true) {
      if (emitSlot >= 0) {
        while (emitSlot < slots) {
          int slot = emitSlot++;
          if (table[slot * slotWords] != 0) {
            return emit(slot);
          }
        }
        emitSlot = -1;
        Arrays.fill(objectKeys, 0, sideSize, null);
        newTable(INITIAL_SLOTS);
        size = 0;
        sideSize = 0;
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

  /**
   * Reads input until it ends or the table must be emitted. Rows are taken {@value #BATCH} at a time: first every
   * short key is hashed and packed and the first slot it would probe is read, then the keys are looked up. The
   * reads of the first pass do not depend on each other, so the processor has many cache misses in flight at once
   * instead of one per row; a table larger than the cache (word count's 80,000 words fill 8 MB per task) then costs
   * a fraction of a miss per row instead of one. A batch cut short by an emission resumes where it stopped.
   */
  private void consume() {
    while (true) {
      if (batchNext == batchSize && !fillBatch()) {
        inputDone = true;
        return;
      }
      while (batchNext < batchSize) {
        int i = batchNext++;
        Object[] row = batchRows[i];
        batchRows[i] = null;
        Object key = batchKeys[i];
        batchKeys[i] = null;
        int slot;
        if (batchInline[i]) {
          probeHash = batchHash[i];
          stringBytes = null;
          slot = findPacked(batchHash[i], batchP0[i], batchP1[i]);
        } else if (key instanceof String s) {
          slot = findString(s);
        } else if (key instanceof LuaString ls && ls.m_length <= MAX_ARENA_KEY) {
          slot = findBytes(ls.m_bytes, ls.m_offset, ls.m_length);
        } else {
          slot = findObject(key);
        }
        if (slot >= 0) {
          add(slot, row);
        } else if (!insert(key, -slot - 1, row)) {
          return;
        }
      }
    }
  }

  /** Reads the next batch of rows, packs their short keys and touches their first slots; false at end of input. */
  private boolean fillBatch() {
    int n = rows.nextRows(batchRows, BATCH);
    for (int i = 0; i < n; i++) {
      Object key = key(batchRows[i]);
      boolean inline = key instanceof String s ? s.length() <= MAX_INLINE_KEY && packAscii(s)
          : key instanceof LuaString ls && ls.m_length <= MAX_INLINE_KEY && packBytes(ls.m_bytes, ls.m_offset, ls.m_length);
      batchKeys[i] = key;
      batchInline[i] = inline;
      if (inline) {
        batchHash[i] = packHash;
        batchP0[i] = packP0;
        batchP1[i] = packP1;
      }
    }
    batchSize = n;
    batchNext = 0;
    rowsRead += n;
    if ((rowsRead & ~0xFFFFL) != ((rowsRead - n) & ~0xFFFFL)) {
      context.checkCancelled();
    }
    long[] t = table;
    int mask = slots - 1;
    long touched = 0;
    for (int i = 0; i < n; i++) {
      if (batchInline[i]) {
        touched += t[(batchHash[i] & mask) * slotWords];
      }
    }
    touchSink = touched;
    return n > 0;
  }

  /**
   * Hashes and packs an ASCII string of at most {@value #MAX_INLINE_KEY} chars into {@link #packHash},
   * {@link #packP0} and {@link #packP1}, exactly as its bytes would be; false (and nothing set) if it is not ASCII.
   */
  private boolean packAscii(String s) {
    int len = s.length();
    int h = len;
    int any = 0;
    long p0 = 0;
    long p1 = (long) len << 56;
    for (int i = 0; i < len; i++) {
      char c = s.charAt(i);
      any |= c;
      h = 31 * h + c;
      if (i < 8) {
        p0 |= (long) c << (i << 3);
      } else {
        p1 |= (long) c << ((i - 8) << 3);
      }
    }
    if (any >= 0x80) {
      return false;
    }
    packHash = spread(h);
    packP0 = p0;
    packP1 = p1;
    return true;
  }

  /** Hashes and packs at most {@value #MAX_INLINE_KEY} bytes into the pack fields, as {@link #packAscii}. */
  private boolean packBytes(byte[] bytes, int off, int len) {
    int h = len;
    long p0 = 0;
    long p1 = (long) len << 56;
    for (int i = 0; i < len; i++) {
      byte b = bytes[off + i];
      h = 31 * h + b;
      if (i < 8) {
        p0 |= (b & 0xFFL) << (i << 3);
      } else {
        p1 |= (b & 0xFFL) << ((i - 8) << 3);
      }
    }
    packHash = spread(h);
    packP0 = p0;
    packP1 = p1;
    return true;
  }

  /**
   * The slot of {@code s}, or {@code -slot - 1} for the empty slot where it belongs. An ASCII string (the usual
   * case) is hashed, packed and compared char by char, without copying it, exactly as its UTF-8 bytes would be; any
   * other string is looked up by its UTF-8 bytes.
   */
  private int findString(String s) {
    int len = s.length();
    if (len <= MAX_INLINE_KEY && packAscii(s)) {
      stringBytes = null;
      probeHash = packHash;
      return findPacked(packHash, packP0, packP1);
    }
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
    probeInline = false;
    long[] t = table;
    int mask = slots - 1;
    long tag = (long) h << 32;
    for (int slot = h & mask; ; slot = (slot + 1) & mask) {
      long w = t[slot * slotWords];
      if (w == 0) {
        return -slot - 1;
      }
      if ((w & 0xFFFF_FFFF_0000_0000L) == tag && w != (tag | 1)) {
        long header = sideHeaders[((int) w >>> 1) - 1];
        if ((header & 1) != 0 && (int) (header >>> 1 & MAX_ARENA_KEY) == len
            && sameAscii(s, (int) (header >>> 24), len)) {
          return slot;
        }
      }
    }
  }

  /** Looks up a packed key: its slot holds exactly {@code hash << 32 | 1} and the two packed words. */
  private int findPacked(int h, long p0, long p1) {
    probeInline = true;
    probePacked0 = p0;
    probePacked1 = p1;
    long[] t = table;
    int mask = slots - 1;
    long tag = (long) h << 32 | 1;
    for (int slot = h & mask; ; slot = (slot + 1) & mask) {
      int base = slot * slotWords;
      long w = t[base];
      if (w == tag && t[base + 1] == p0 && t[base + 2] == p1) {
        return slot;
      }
      if (w == 0) {
        return -slot - 1;
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

  /** The slot of the key with these bytes, or {@code -slot - 1} for the empty slot where it belongs. */
  private int findBytes(byte[] bytes, int off, int len) {
    if (len <= MAX_INLINE_KEY && packBytes(bytes, off, len)) {
      probeHash = packHash;
      return findPacked(packHash, packP0, packP1);
    }
    int h = len;
    for (int i = off, end = off + len; i < end; i++) {
      h = 31 * h + bytes[i];
    }
    h = spread(h);
    probeHash = h;
    probeInline = false;
    long[] t = table;
    int mask = slots - 1;
    long tag = (long) h << 32;
    for (int slot = h & mask; ; slot = (slot + 1) & mask) {
      long w = t[slot * slotWords];
      if (w == 0) {
        return -slot - 1;
      }
      if ((w & 0xFFFF_FFFF_0000_0000L) == tag && w != (tag | 1)) {
        long header = sideHeaders[((int) w >>> 1) - 1];
        if ((header & 1) != 0 && (int) (header >>> 1 & MAX_ARENA_KEY) == len) {
          int o = (int) (header >>> 24);
          if (Arrays.equals(arena, o, o + len, bytes, off, off + len)) {
            return slot;
          }
        }
      }
    }
  }

  private int findObject(Object key) {
    int h = spread(key.hashCode());
    probeHash = h;
    probeInline = false;
    long[] t = table;
    int mask = slots - 1;
    long tag = (long) h << 32;
    for (int slot = h & mask; ; slot = (slot + 1) & mask) {
      long w = t[slot * slotWords];
      if (w == 0) {
        return -slot - 1;
      }
      if ((w & 0xFFFF_FFFF_0000_0000L) == tag && w != (tag | 1)) {
        int side = ((int) w >>> 1) - 1;
        if (sideHeaders[side] == OBJECT_KEY && key.equals(objectKeys[side])) {
          return slot;
        }
      }
    }
  }

  /**
   * Fills the empty {@code slot} with {@code key}, just looked up and missed, and adds {@code row} to it. Returns
   * false when the memory reservation was refused, so the table must be emitted first (the row is already added).
   */
  private boolean insert(Object key, int slot, Object[] row) {
    int base = slot * slotWords;
    long bytes = 0;
    if (probeInline) {
      table[base] = (long) probeHash << 32 | 1;
      table[base + 1] = probePacked0;
      table[base + 2] = probePacked1;
    } else {
      if (sideSize == sideHeaders.length) {
        sideHeaders = Arrays.copyOf(sideHeaders, sideSize * 2);
        objectKeys = Arrays.copyOf(objectKeys, sideSize * 2);
      }
      int side = sideSize++;
      int len = -1;
      int at = arenaUsed;
      if (key instanceof String str && stringBytes == null) {
        len = str.length();  // ASCII (see findString): one byte per char
        for (int i = 0, o = reserveArena(len); i < len; i++) {
          arena[o + i] = (byte) str.charAt(i);
        }
      } else if (key instanceof String && stringBytes.length <= MAX_ARENA_KEY) {
        len = stringBytes.length;
        int o = reserveArena(len);  // first: it may replace the arena, which arraycopy must see
        System.arraycopy(stringBytes, 0, arena, o, len);
      } else if (key instanceof LuaString ls && ls.m_length <= MAX_ARENA_KEY) {
        len = ls.m_length;
        int o = reserveArena(len);
        System.arraycopy(ls.m_bytes, ls.m_offset, arena, o, len);
      }
      if (len >= 0) {
        sideHeaders[side] = ((long) at << 24) | ((long) len << 1) | 1;
        bytes = len;
      } else {
        objectKeys[side] = key;
        sideHeaders[side] = OBJECT_KEY;
        bytes = RowSizes.estimate(new Object[] {key});
      }
      table[base] = (long) probeHash << 32 | (long) (side + 1) << 1 | 1;
      bytes += 16;  // the side header and object reference
    }
    size++;
    add(slot, row);
    // the key, its share of the table (kept at most half full) and of the SUM flags
    boolean granted = reservation.tryGrow(bytes + 2L * (8L * slotWords + calls));
    if (granted && size * 2 > slots) {
      rehash(slots * 2);
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

  private void add(int slot, Object[] row) {
    int base = slot * slotWords + 3;
    for (int c = 0; c < calls; c++) {
      int col = valueColumns[c];
      if (isCount[c]) {
        if (col < 0 || row[col] != null) {
          table[base + c]++;
        }
      } else {
        Object v = row[col];
        if (v != null) {
          long sum = table[base + c];
          long x = ((Number) v).longValue();
          long r = sum + x;
          if (((sum ^ r) & (x ^ r)) < 0) {
            throw GleamException.user(ErrorCode.INVALID_FLOW, "%s: the sum overflows BIGINT (adding %d to %d)",
                callNames[c], x, sum);
          }
          table[base + c] = r;
          seen[slot * calls + c] = true;
        }
      }
    }
  }

  private void rehash(int capacity) {
    long[] old = table;
    boolean[] oldSeen = seen;
    int oldSlots = slots;
    newTable(capacity);
    int mask = capacity - 1;
    for (int from = 0; from < oldSlots; from++) {
      long w = old[from * slotWords];
      if (w != 0) {
        int slot = (int) (w >>> 32) & mask;
        while (table[slot * slotWords] != 0) {
          slot = (slot + 1) & mask;
        }
        System.arraycopy(old, from * slotWords, table, slot * slotWords, slotWords);
        System.arraycopy(oldSeen, from * calls, seen, slot * calls, calls);
      }
    }
  }

  private Object[] emit(int slot) {
    Object[] out = new Object[keys.length + calls];
    int base = slot * slotWords;
    long w = table[base];
    int side = (int) w >>> 1;
    if (side == 0) {
      long p0 = table[base + 1];
      long p1 = table[base + 2];
      int len = (int) (p1 >>> 56);
      byte[] b = new byte[len];
      for (int i = 0; i < len; i++) {
        b[i] = (byte) ((i < 8 ? p0 : p1) >>> ((i & 7) << 3));
      }
      out[0] = new String(b, StandardCharsets.UTF_8);
    } else if (sideHeaders[side - 1] != OBJECT_KEY) {
      long header = sideHeaders[side - 1];
      out[0] = new String(arena, (int) (header >>> 24), (int) (header >>> 1 & MAX_ARENA_KEY), StandardCharsets.UTF_8);
    } else if (keys.length == 1) {
      Object key = objectKeys[side - 1];
      out[0] = javaValue(key == NULL_KEY ? null : key);
    } else {
      Object[] kv = ((RowKey) objectKeys[side - 1]).values();
      for (int i = 0; i < kv.length; i++) {
        out[i] = javaValue(kv[i]);
      }
    }
    for (int c = 0; c < calls; c++) {
      out[keys.length + c] = isCount[c] || seen[slot * calls + c] ? (Object) table[base + 3 + c] : null;
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
