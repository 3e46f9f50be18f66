package io.gleam.exec.operator;

import io.gleam.exec.RunContext;
import io.gleam.exec.expr.CompiledFilter;
import io.gleam.exec.expr.ExprCompiler;
import io.gleam.exec.memory.MemoryReservation;
import io.gleam.exec.rows.Gather;
import io.gleam.planner.plan.JoinType;
import io.gleam.planner.plan.PlanNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Equi-join of co-partitioned inputs on Arrow batches, for keys of integer, date, time, timestamp, decimal and string
 * types (the same type on both sides). Algorithm: the right input's batches are kept as they arrive and their key
 * values copied into primitive arrays. When the keys fit one {@code long} per row (one key of at most 8 bytes, or
 * several whose build-side value ranges need at most 64 bits together), the table is open addressing over
 * (packed key, rows) slot pairs, the rows of a repeated key laid out together: a lookup reads one slot, and a probe
 * key outside the build side's range is rejected before it. Other keys (strings, decimals, wide composites) chain
 * from a bucket array by hash ({@code head} and {@code next}, as Trino's PagesHash does), each row's hash rejecting
 * most neighbours before its key is compared. Each left batch is probed row by row into (left row, right row)
 * pairs, and the output columns are gathered from those pairs by {@link Gather}; no row is boxed. A residual
 * condition is evaluated by compiled kernels over batches of candidate pairs. SEMI and ANTI emit a left row once;
 * LEFT, RIGHT and FULL add the unmatched rows with NULLs; NULL keys never match. Output keeps the left input's order
 * (RIGHT and FULL add their unmatched right rows at the end).
 *
 * <p>The build side is chosen at run time: after reading the right input, an INNER, LEFT, SEMI or ANTI join reads
 * ahead on the left up to half as many rows; if the left input ends first, the left becomes the build side and the
 * right is probed against it, matches marking left rows, which SEMI, ANTI and LEFT emit at the end (an EXISTS over
 * lineitem then builds on the few outer rows instead of on lineitem).
 *
 * <p>Memory: the right input's batches plus about 60 bytes and one word per key per row, within the budget. When
 * the reservation is refused, the batches already read are handed back, in order, to {@link HashJoinOperator},
 * whose sort-merge fallback spills; the join then finishes there.
 */
public final class ColumnarHashJoinOperator implements Operator {
  private final PlanNode.HashJoin node;
  private final Operator leftInput;
  private final Operator rightInput;
  private final RunContext context;
  private final String consumer;
  private final MemoryReservation reservation;
  private final OperatorMetrics metrics = new OperatorMetrics();
  private final JoinType type;
  private final int[] leftKeys;
  private final int[] rightKeys;
  /** Per key: its width in bytes (1, 2, 4, 8 or 16), or 0 for a string. */
  private final int[] widths;
  private final int leftWidth;
  private final int rightWidth;
  private final Field[] outFields;
  /** The columns of the node's output this operator emits, in order (all of them unless a projection narrows). */
  private final int[] emitted;
  private final Schema schema;
  /** The left and right columns together (a residual condition sees them all). */
  private final int[] allColumns;
  private final int batchRows;
  private final CompiledFilter condition;
  private final Field[] joinedFields;
  private final boolean keepsUnmatchedRight;
  /**
   * Whether the left input is the build side: chosen at run time for INNER, LEFT, SEMI and ANTI joins when the right
   * input turned out large and the whole left input less than half its size (Q21's and Q04's EXISTS over lineitem).
   * Matches then mark left rows, which SEMI, ANTI and LEFT emit at the end.
   */
  private boolean swapped;
  /** Batches read while choosing the build side, owned here until it is chosen. */
  private final List<VectorSchemaRoot> heldLeft = new ArrayList<>();
  private final List<VectorSchemaRoot> heldRight = new ArrayList<>();
  /** The key columns of the build side and of the probe side. */
  private int[] buildKeys;
  private int[] probeKeyColumns;
  /** The probe side: batches held while choosing the build side, then the rest of its input. */
  private Operator probeInput;

  // the build side
  private final List<VectorSchemaRoot> buildBatches = new ArrayList<>();
  /** Per build-side column, its vector in each build batch. */
  private FieldVector[][] buildColumns;
  private int buildRows;
  private int[] rowBatch = new int[1024];
  private int[] rowIndex = new int[1024];
  private int[] hashes = new int[1024];
  private int[] next;
  private int[] head;
  private int mask;
  /** The packed-key table (see {@link #buildPackedTable}), or null when keys are matched through the chains. */
  private long[] packedSlots;
  /** The table indexed by packed key (see {@link #buildDirectTable}), or null. */
  private long[] direct;
  private long directBase;
  private long[] packedKeys;
  private int[] groupRows;
  private int shift;
  private long[] keyMin;
  private long[] keyMax;
  private int[] keyBits;
  /** The build rows matching the probe row being looked up: see {@link #lookup}. */
  private int[] matches = new int[16];
  private int[] matchRows;
  private int matchStart;
  /** Per key of the batch being probed: its validity and data addresses; whether any key value is NULL. */
  private final long[] probeValidity;
  private final long[] probeData;
  private boolean probeHasNulls;
  private boolean[] buildMatched;
  /** Per key: the values (low words for 16-byte keys), the high words, or the string offsets and lengths. */
  private final long[][] keyLow;
  private final long[][] keyHigh;
  private final int[][] keyLength;
  private byte[] arena = new byte[0];
  private int arenaUsed;

  // the probe side
  private boolean built;
  private boolean probeDone;
  /** Probe rows whose first slots {@link #touchSlots} reads together. */
  private static final int TOUCH_CHUNK = 128;
  /** Keeps the reads of {@link #touchSlots} from being optimized away. */
  private long touchSink;
  /** The probe key {@link #packProbeKey} packed last. */
  private long probeKey;
  private VectorSchemaRoot probe;
  private final IntPairs out = new IntPairs();
  private final IntPairs candidates = new IntPairs();
  private int outPos;
  private int[] selection = new int[0];
  private Operator delegate;

  /** Whether this operator can run {@code node}: equi-keys of one supported type per pair. */
  public static boolean applies(PlanNode.HashJoin node) {
    if (node.leftKeys().length == 0) {
      return false;
    }
    for (int k = 0; k < node.leftKeys().length; k++) {
      ArrowType l = node.left().schema().getFields().get(node.leftKeys()[k]).getType();
      ArrowType r = node.right().schema().getFields().get(node.rightKeys()[k]).getType();
      if (!l.equals(r) || widthOf(l) < 0) {
        return false;
      }
    }
    return true;
  }

  /** Bytes per value of a key type, 0 for strings, -1 when unsupported (floating point: -0.0 and NaN). */
  private static int widthOf(ArrowType t) {
    if (t instanceof ArrowType.Int i) {
      return i.getBitWidth() / 8;
    } else if (t instanceof ArrowType.Date d) {
      return d.getUnit() == org.apache.arrow.vector.types.DateUnit.DAY ? 4 : 8;
    } else if (t instanceof ArrowType.Time tm) {
      return tm.getBitWidth() / 8;
    } else if (t instanceof ArrowType.Timestamp) {
      return 8;
    } else if (t instanceof ArrowType.Decimal d) {
      return d.getBitWidth() == 128 ? 16 : -1;
    } else if (t instanceof ArrowType.Utf8) {
      return 0;
    }
    return -1;
  }

  public ColumnarHashJoinOperator(PlanNode.HashJoin node, Operator leftInput, Operator rightInput,
      RunContext context, String consumer) {
    this(node, null, leftInput, rightInput, context, consumer);
  }

  /**
   * A join that emits only {@code projection}'s columns of the node's output, in that order (all of them when
   * null): a consumer that reads a few columns spares the join gathering the others.
   */
  public ColumnarHashJoinOperator(PlanNode.HashJoin node, int[] projection, Operator leftInput, Operator rightInput,
      RunContext context, String consumer) {
    this.node = node;
    this.leftInput = leftInput;
    this.rightInput = rightInput;
    this.context = context;
    this.consumer = consumer;
    this.reservation = context.memoryPool().reservation(consumer);
    this.type = node.type();
    this.leftKeys = node.leftKeys();
    this.rightKeys = node.rightKeys();
    this.widths = new int[leftKeys.length];
    this.keyLow = new long[leftKeys.length][];
    this.keyHigh = new long[leftKeys.length][];
    this.keyLength = new int[leftKeys.length][];
    this.probeValidity = new long[leftKeys.length];
    this.probeData = new long[leftKeys.length];
    for (int k = 0; k < widths.length; k++) {
      widths[k] = widthOf(node.left().schema().getFields().get(leftKeys[k]).getType());
      keyLow[k] = new long[1024];
      if (widths[k] == 16) {
        keyHigh[k] = new long[1024];
      } else if (widths[k] == 0) {
        keyLength[k] = new int[1024];
      }
    }
    this.leftWidth = node.left().schema().getFields().size();
    this.rightWidth = node.right().schema().getFields().size();
    this.outFields = node.schema().getFields().toArray(new Field[0]);
    this.emitted = projection == null ? IntStream.range(0, outFields.length).toArray() : projection.clone();
    this.schema = projection == null ? node.schema()
        : new Schema(Arrays.stream(emitted).mapToObj(c -> outFields[c]).toList());
    this.allColumns = IntStream.range(0, leftWidth + rightWidth).toArray();
    this.batchRows = context.options().batchRows();
    this.keepsUnmatchedRight = type == JoinType.RIGHT || type == JoinType.FULL;
    List<Field> joined = new ArrayList<>(node.left().schema().getFields());
    joined.addAll(node.right().schema().getFields());
    this.joinedFields = joined.toArray(new Field[0]);
    this.condition = node.condition().isPresent()
        ? ExprCompiler.compileFilter(new Schema(joined), node.condition().get()) : null;
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public OperatorMetrics metrics() {
    return metrics;
  }

  @Override
  public Optional<VectorSchemaRoot> next() {
    if (!built) {
      built = true;
      if (!build()) {
        return delegate.next();
      }
    }
    if (delegate != null) {
      return delegate.next();
    }
    while (true) {
      if (outPos < out.size) {
        return Optional.of(emit());
      }
      if (probe != null) {
        probe.close();
        probe = null;
      }
      if (probeDone) {
        return Optional.empty();
      }
      Optional<VectorSchemaRoot> in = probeInput.next();
      context.checkCancelled();
      out.size = 0;
      outPos = 0;
      if (in.isEmpty()) {
        probeDone = true;
        if (buildMatched != null) {
          // unmatched right rows (RIGHT, FULL); or, swapped, the left rows SEMI, ANTI or LEFT emit
          boolean wanted = swapped && type == JoinType.SEMI;
          for (int g = 0; g < buildRows; g++) {
            if (buildMatched[g] == wanted) {
              out.add(-1, g);
            }
          }
        }
        continue;
      }
      probe = in.get();
      probe(probe);
    }
  }

  // ---------------------------------------------------------------- build

  /** Smallest right side (rows in this partition) for which the left side is considered as the build side. */
  private static final int SWAP_MIN_ROWS = 1024;

  /**
   * Reads the right input, chooses the build side, and builds the table; false when memory ran out and the row join
   * took over.
   */
  private boolean build() {
    List<VectorSchemaRoot> right = heldRight;
    List<VectorSchemaRoot> left = heldLeft;
    long rightRows = read(rightInput, right, Long.MAX_VALUE);
    if (rightRows < 0) {
      handOver(left, right);
      return false;
    }
    boolean swappable = type == JoinType.INNER || type == JoinType.LEFT || type == JoinType.SEMI
        || type == JoinType.ANTI;
    if (swappable && rightRows >= SWAP_MIN_ROWS) {
      long leftRows = read(leftInput, left, rightRows / 2);
      if (leftRows < 0) {
        handOver(left, right);
        return false;
      }
      swapped = leftRows <= rightRows / 2;
    }
    if (swapped) {
      context.count("join.leftBuildSides", 1);
      buildBatches.addAll(left);
      buildKeys = leftKeys;
      probeKeyColumns = rightKeys;
      probeInput = new ReplayOperator(right, rightInput);
    } else {
      buildBatches.addAll(right);
      buildKeys = rightKeys;
      probeKeyColumns = leftKeys;
      probeInput = new ReplayOperator(left, leftInput);
    }
    heldLeft.clear();  // now owned by the build side or the probe input
    heldRight.clear();
    for (int b = 0; b < buildBatches.size(); b++) {
      append(buildBatches.get(b), b);
    }
    int buildWidth = swapped ? leftWidth : rightWidth;
    buildColumns = new FieldVector[buildWidth][buildBatches.size()];
    for (int b = 0; b < buildBatches.size(); b++) {
      for (int c = 0; c < buildWidth; c++) {
        buildColumns[c][b] = buildBatches.get(b).getVector(c);
      }
    }
    int capacity = Integer.highestOneBit(Math.max(buildRows, 512) * 2 - 1) << 1;
    if (packKeys()) {
      if (!buildDirectTable()) {
        buildPackedTable(capacity);
      }
    } else {
      head = new int[capacity];
      mask = capacity - 1;
      next = new int[Math.max(buildRows, 1)];
      for (int g = 0; g < buildRows; g++) {
        if (hashes[g] != NULL_HASH) {
          int bucket = hashes[g] & mask;
          next[g] = head[bucket];
          head[bucket] = g + 1;
        }
      }
    }
    buildMatched = (swapped ? type != JoinType.INNER : keepsUnmatchedRight) ? new boolean[buildRows] : null;
    return true;
  }

  /**
   * Reads {@code input} into {@code batches} until it ends or holds more than {@code limit} rows, reserving their
   * memory; returns the rows read, or -1 when the reservation was refused.
   */
  private long read(Operator input, List<VectorSchemaRoot> batches, long limit) {
    long rows = 0;
    Optional<VectorSchemaRoot> in;
    while (rows <= limit && (in = input.next()).isPresent()) {
      VectorSchemaRoot batch = in.get();
      batches.add(batch);
      context.checkCancelled();
      rows += batch.getRowCount();
      long bytes = (62L + 8L * widths.length) * batch.getRowCount();
      for (FieldVector v : batch.getFieldVectors()) {
        bytes += v.getBufferSize();
      }
      if (!reservation.tryGrow(bytes)) {
        return -1;
      }
    }
    return rows;
  }

  /**
   * Whether the build keys fit one {@code long} per row: a lone key of at most 8 bytes always does; several such
   * keys do when their value ranges on the build side need at most 64 bits together (each stored as its offset
   * from the build side's minimum). Sets {@link #packedKeys}, {@link #keyMin} and {@link #keyBits}.
   */
  private boolean packKeys() {
    for (int w : widths) {
      if (w == 0 || w == 16) {
        return false;
      }
    }
    int keys = widths.length;
    keyMin = new long[keys];
    keyMax = new long[keys];
    keyBits = new int[keys];
    Arrays.fill(keyMin, Long.MAX_VALUE);
    Arrays.fill(keyMax, Long.MIN_VALUE);
    for (int g = 0; g < buildRows; g++) {
      if (hashes[g] != NULL_HASH) {
        for (int k = 0; k < keys; k++) {
          long v = keyLow[k][g];
          keyMin[k] = Math.min(keyMin[k], v);
          keyMax[k] = Math.max(keyMax[k], v);
        }
      }
    }
    if (keys == 1) {
      packedKeys = keyLow[0];
      return true;
    }
    int bits = 0;
    for (int k = 0; k < keys; k++) {
      long range = keyMax[k] - keyMin[k];
      keyBits[k] = keyMax[k] < keyMin[k] ? 0 : range < 0 ? 64 : 64 - Long.numberOfLeadingZeros(range);
      bits += keyBits[k];
    }
    if (bits > 64) {
      return false;
    }
    packedKeys = new long[buildRows];
    for (int g = 0; g < buildRows; g++) {
      if (hashes[g] != NULL_HASH) {
        long p = 0;
        for (int k = 0; k < keys; k++) {
          p = (p << keyBits[k]) | (keyLow[k][g] - keyMin[k]);
        }
        packedKeys[g] = p;
      }
    }
    return true;
  }

  /** Most entries of a direct table (16 MB), and most per build row beyond the first 64K. */
  private static final int DIRECT_MAX_ENTRIES = 1 << 21;
  private static final int DIRECT_ENTRIES_PER_ROW = 8;
  /** Direct tables of up to this many entries (256 KB) stay in the cache: their entries are not touched ahead. */
  private static final int DIRECT_CACHED_ENTRIES = 1 << 15;

  /**
   * A table indexed by the packed key itself, when the keys span a small range (a dimension's keys: TPC-H's
   * suppliers, parts, customers): {@code direct[key - directBase]} holds the rows word of {@link #buildPackedTable}
   * (0 for no row), so a lookup is one read, with no hashing and no probing; DuckDB's perfect hash join. False,
   * building nothing, when the range is too large for the rows.
   */
  private boolean buildDirectTable() {
    long base = widths.length == 1 ? keyMin[0] : 0;
    long top = Long.MIN_VALUE;
    for (int g = 0; g < buildRows; g++) {
      if (hashes[g] != NULL_HASH) {
        top = Math.max(top, packedKeys[g]);
      }
    }
    long range = top - base + 1;  // overflows to <= 0 for a range past Long.MAX_VALUE; 0 rows: below 1
    if (top == Long.MIN_VALUE || range <= 0
        || range > Math.min(DIRECT_MAX_ENTRIES, Math.max((long) DIRECT_ENTRIES_PER_ROW * buildRows, 1 << 16))) {
      return false;
    }
    if (!reservation.tryGrow(range * Long.BYTES)) {
      return false;  // the budget has no room for it: the hashed table, within the rows' share, instead
    }
    long[] table = new long[(int) range];
    int repeated = 0;
    for (int g = 0; g < buildRows; g++) {
      if (hashes[g] == NULL_HASH) {
        continue;
      }
      int at = (int) (packedKeys[g] - base);
      if (table[at] == 0) {
        table[at] = (1L << 32) | g;
      } else {
        if ((table[at] >>> 32) == 1) {
          repeated++;
        }
        table[at] += 1L << 32;
        repeated++;
      }
    }
    if (repeated > 0) {
      // lay the rows of each repeated key out together, in build order
      groupRows = new int[repeated];
      int[] fill = new int[(int) range];
      int cursor = 0;
      for (int at = 0; at < range; at++) {
        int count = (int) (table[at] >>> 32);
        if (count > 1) {
          table[at] = ((long) count << 32) | cursor;
          fill[at] = cursor;
          cursor += count;
        }
      }
      for (int g = 0; g < buildRows; g++) {
        if (hashes[g] != NULL_HASH) {
          int at = (int) (packedKeys[g] - base);
          if ((table[at] >>> 32) > 1) {
            groupRows[fill[at]++] = g;
          }
        }
      }
    }
    direct = table;
    directBase = base;
    context.count("join.directTables", 1);
    return true;
  }

  /**
   * An open-addressing table of (packed key, rows) slot pairs: the rows word is {@code count << 32 | row} for a key
   * on one build row, or {@code count << 32 | start} into {@link #groupRows}, where the rows of a repeated key lie
   * together; a lookup reads one slot, and a repeated key's rows are contiguous.
   */
  private void buildPackedTable(int capacity) {
    packedSlots = new long[capacity * 2];
    shift = 64 - Integer.numberOfTrailingZeros(capacity);
    int[] slotOf = new int[buildRows];
    int repeated = 0;
    for (int g = 0; g < buildRows; g++) {
      if (hashes[g] == NULL_HASH) {
        continue;
      }
      long key = packedKeys[g];
      int slot = findSlot(key);
      if (packedSlots[2 * slot + 1] == 0) {
        packedSlots[2 * slot] = key;
        packedSlots[2 * slot + 1] = (1L << 32) | g;
      } else {
        if ((packedSlots[2 * slot + 1] >>> 32) == 1) {
          repeated++;
        }
        packedSlots[2 * slot + 1] += 1L << 32;
        repeated++;
      }
      slotOf[g] = slot;
    }
    if (repeated == 0) {
      return;
    }
    // lay the rows of each repeated key out together, in build order
    groupRows = new int[repeated];
    int cursor = 0;
    int[] fill = new int[capacity];
    for (int slot = 0; slot < capacity; slot++) {
      long word = packedSlots[2 * slot + 1];
      int count = (int) (word >>> 32);
      if (count > 1) {
        packedSlots[2 * slot + 1] = ((long) count << 32) | cursor;
        fill[slot] = cursor;
        cursor += count;
      }
    }
    for (int g = 0; g < buildRows; g++) {
      if (hashes[g] != NULL_HASH && (packedSlots[2 * slotOf[g] + 1] >>> 32) > 1) {
        groupRows[fill[slotOf[g]]++] = g;
      }
    }
  }

  /**
   * Reads the first slot each of rows {@code [from, to)} of the probe batch will look at, before any is looked up.
   * The reads do not depend on each other, so the processor overlaps their cache misses; a build side of a
   * million rows has a table far larger than the cache, and the lookups then find their slots cached.
   */
  private void touchSlots(int from, int to) {
    long sum = 0;
    if (direct != null) {
      long[] t = direct;
      for (int i = from; i < to; i++) {
        if (!(probeHasNulls && anyNullKey(i)) && packProbeKey(i) && probeKey - directBase < t.length) {
          sum += t[(int) (probeKey - directBase)];
        }
      }
    } else {
      long[] t = packedSlots;
      for (int i = from; i < to; i++) {
        if (!(probeHasNulls && anyNullKey(i)) && packProbeKey(i)) {
          sum += t[2 * (int) ((probeKey * 0x9E3779B97F4A7C15L) >>> shift)];
        }
      }
    }
    touchSink = sum;
  }

  /** Whether a key column of probe row {@code row} is NULL. */
  private boolean anyNullKey(int row) {
    for (int k = 0; k < widths.length; k++) {
      if (!Gather.isSet(probeValidity[k], row)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Packs probe row {@code row}'s key columns into {@link #probeKey} as the build side packed its keys; false when
   * a value lies outside the build side's range, so the row cannot match.
   */
  private boolean packProbeKey(int row) {
    long key = 0;
    for (int k = 0; k < widths.length; k++) {
      long v = Gather.readInteger(probeData[k], row, widths[k]);
      if (v < keyMin[k] || v > keyMax[k]) {
        return false;
      }
      key = widths.length == 1 ? v : (key << keyBits[k]) | (v - keyMin[k]);
    }
    probeKey = key;
    return true;
  }

  /** The slot holding {@code key}, or the empty slot where it belongs. */
  private int findSlot(long key) {
    int m = (packedSlots.length >> 1) - 1;
    for (int slot = (int) ((key * 0x9E3779B97F4A7C15L) >>> shift); ; slot = (slot + 1) & m) {
      if (packedSlots[2 * slot + 1] == 0 || packedSlots[2 * slot] == key) {
        return slot;
      }
    }
  }

  /** Marks a row whose key has a NULL: it is never put in a bucket. */
  private static final int NULL_HASH = 0;

  private void append(VectorSchemaRoot batch, int b) {
    int rows = batch.getRowCount();
    ensureBuildCapacity(buildRows + rows);
    FieldVector[] keyVectors = new FieldVector[widths.length];
    for (int k = 0; k < widths.length; k++) {
      keyVectors[k] = batch.getVector(buildKeys[k]);
    }
    for (int r = 0; r < rows; r++) {
      int g = buildRows++;
      rowBatch[g] = b;
      rowIndex[g] = r;
      if (hasNull(keyVectors, r)) {
        hashes[g] = NULL_HASH;
        continue;
      }
      for (int k = 0; k < widths.length; k++) {
        FieldVector v = keyVectors[k];
        int w = widths[k];
        if (w == 0) {
          BaseVariableWidthVector s = (BaseVariableWidthVector) v;
          int start = s.getOffsetBuffer().getInt((long) r * 4);
          int len = s.getOffsetBuffer().getInt((long) (r + 1) * 4) - start;
          if (arenaUsed + len > arena.length) {
            arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaUsed + len + 1024));
          }
          s.getDataBuffer().getBytes(start, arena, arenaUsed, len);
          keyLow[k][g] = arenaUsed;
          keyLength[k][g] = len;
          arenaUsed += len;
        } else {
          ArrowBuf data = v.getDataBuffer();
          keyLow[k][g] = read(data, r, w);
          if (w == 16) {
            keyHigh[k][g] = data.getLong((long) r * 16 + 8);
          }
        }
      }
      hashes[g] = hash(keyVectors, r);
    }
  }

  private void ensureBuildCapacity(int rows) {
    if (rows <= rowBatch.length) {
      return;
    }
    int capacity = Math.max(rows, rowBatch.length * 2);
    rowBatch = Arrays.copyOf(rowBatch, capacity);
    rowIndex = Arrays.copyOf(rowIndex, capacity);
    hashes = Arrays.copyOf(hashes, capacity);
    for (int k = 0; k < widths.length; k++) {
      keyLow[k] = Arrays.copyOf(keyLow[k], capacity);
      if (keyHigh[k] != null) {
        keyHigh[k] = Arrays.copyOf(keyHigh[k], capacity);
      }
      if (keyLength[k] != null) {
        keyLength[k] = Arrays.copyOf(keyLength[k], capacity);
      }
    }
  }

  /** Gives every batch read so far, then the rest of both inputs, to the row join, which can spill. */
  private void handOver(List<VectorSchemaRoot> left, List<VectorSchemaRoot> right) {
    context.count("join.rowJoinHandovers", 1);
    buildRows = 0;
    rowBatch = rowIndex = hashes = null;
    Arrays.fill(keyLow, null);
    Arrays.fill(keyHigh, null);
    Arrays.fill(keyLength, null);
    arena = null;
    reservation.shrinkAll();
    Operator rowJoin = new HashJoinOperator(node, new ReplayOperator(left, leftInput),
        new ReplayOperator(right, rightInput), context, consumer);
    delegate = schema == node.schema() ? rowJoin : new ProjectOperator(schema, rowJoin, emitted);
    heldLeft.clear();  // now owned by the row join's inputs
    heldRight.clear();
  }

  // ---------------------------------------------------------------- keys

  private boolean hasNull(FieldVector[] keyVectors, int row) {
    for (FieldVector v : keyVectors) {
      if (v.isNull(row)) {
        return true;
      }
    }
    return false;
  }

  private static long read(ArrowBuf data, int row, int width) {
    switch (width) {
      case 8:
        return data.getLong((long) row * 8);
      case 4:
        return data.getInt((long) row * 4);
      case 2:
        return data.getShort((long) row * 2);
      case 1:
        return data.getByte(row);
      default:  // 16: the low word
        return data.getLong((long) row * 16);
    }
  }

  /** The hash of a row's key (no NULLs in it); never {@link #NULL_HASH}. */
  private int hash(FieldVector[] keyVectors, int row) {
    long h = 0x2545F4914F6CDD1DL;
    for (int k = 0; k < widths.length; k++) {
      int w = widths[k];
      if (w == 0) {
        BaseVariableWidthVector s = (BaseVariableWidthVector) keyVectors[k];
        ArrowBuf offsets = s.getOffsetBuffer();
        int start = offsets.getInt((long) row * 4);
        int end = offsets.getInt((long) (row + 1) * 4);
        ArrowBuf data = s.getDataBuffer();
        long x = end - start;
        int i = start;
        for (; i + 8 <= end; i += 8) {
          x = x * 0x9E3779B97F4A7C15L + data.getLong(i);
        }
        for (; i < end; i++) {
          x = x * 31 + data.getByte(i);
        }
        h = (h ^ x) * 0x9E3779B97F4A7C15L;
      } else {
        ArrowBuf data = keyVectors[k].getDataBuffer();
        h = (h ^ read(data, row, w)) * 0x9E3779B97F4A7C15L;
        if (w == 16) {
          h = (h ^ data.getLong((long) row * 16 + 8)) * 0x9E3779B97F4A7C15L;
        }
      }
    }
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    int result = (int) h;
    return result == NULL_HASH ? 1 : result;
  }

  /** Whether probe row {@code row} has the key of build row {@code g}. */
  private boolean sameKey(FieldVector[] keyVectors, int row, int g) {
    for (int k = 0; k < widths.length; k++) {
      int w = widths[k];
      if (w == 0) {
        BaseVariableWidthVector s = (BaseVariableWidthVector) keyVectors[k];
        ArrowBuf offsets = s.getOffsetBuffer();
        int start = offsets.getInt((long) row * 4);
        int len = offsets.getInt((long) (row + 1) * 4) - start;
        if (len != keyLength[k][g]) {
          return false;
        }
        ArrowBuf data = s.getDataBuffer();
        int at = (int) keyLow[k][g];
        for (int i = 0; i < len; i++) {
          if (data.getByte(start + i) != arena[at + i]) {
            return false;
          }
        }
      } else {
        ArrowBuf data = keyVectors[k].getDataBuffer();
        if (read(data, row, w) != keyLow[k][g]
            || (w == 16 && data.getLong((long) row * 16 + 8) != keyHigh[k][g])) {
          return false;
        }
      }
    }
    return true;
  }

  private FieldVector[] probeKeys(VectorSchemaRoot batch) {
    FieldVector[] keyVectors = new FieldVector[leftKeys.length];
    boolean nulls = false;
    for (int k = 0; k < leftKeys.length; k++) {
      keyVectors[k] = batch.getVector(probeKeyColumns[k]);
      probeValidity[k] = keyVectors[k].getValidityBuffer().memoryAddress();
      probeData[k] = widths[k] == 0 ? 0 : keyVectors[k].getDataBuffer().memoryAddress();
      nulls |= keyVectors[k].getNullCount() > 0;
    }
    probeHasNulls = nulls;
    return keyVectors;
  }

  /**
   * Finds the build rows whose key equals probe row {@code row}'s: returns how many, and leaves them at
   * {@code matchRows[matchStart, matchStart + count)}.
   */
  private int lookup(FieldVector[] keyVectors, int row) {
    if (probeHasNulls && anyNullKey(row)) {
      return 0;
    }
    if (packedSlots != null || direct != null) {
      if (!packProbeKey(row)) {
        return 0;
      }
      long word;
      if (direct != null) {
        long at = probeKey - directBase;
        if (at >= direct.length) {
          return 0;
        }
        word = direct[(int) at];
      } else {
        word = packedSlots[2 * findSlot(probeKey) + 1];
      }
      int count = (int) (word >>> 32);
      if (count == 1) {
        matches[0] = (int) word;
        matchRows = matches;
        matchStart = 0;
      } else {
        matchRows = groupRows;
        matchStart = (int) word;
      }
      return count;
    }
    int h = hash(keyVectors, row);
    int count = 0;
    for (int g = head[h & mask] - 1; g >= 0; g = next[g] - 1) {
      if (hashes[g] == h && sameKey(keyVectors, row, g)) {
        if (count == matches.length) {
          matches = Arrays.copyOf(matches, count * 2);
        }
        matches[count++] = g;
      }
    }
    matchRows = matches;
    matchStart = 0;
    return count;
  }

  // ---------------------------------------------------------------- probe

  /**
   * Probes a batch: every pair with equal keys is a candidate; a residual condition is evaluated over batches of
   * candidates; then the output pairs are laid out in probe order, and matched build rows marked.
   */
  private void probe(VectorSchemaRoot batch) {
    FieldVector[] keyVectors = probeKeys(batch);
    int rows = batch.getRowCount();
    candidates.size = 0;
    for (int from = 0; from < rows; from += TOUCH_CHUNK) {
      int to = Math.min(rows, from + TOUCH_CHUNK);
      if (packedSlots != null || direct != null && direct.length > DIRECT_CACHED_ENTRIES) {
        touchSlots(from, to);
      }
      for (int i = from; i < to; i++) {
        int count = lookup(keyVectors, i);
        for (int m = matchStart, end = matchStart + count; m < end; m++) {
          candidates.add(i, matchRows[m]);
        }
      }
    }
    if (condition != null) {
      rejectFailingCandidates(batch);
    }
    boolean pairs = type != JoinType.SEMI && type != JoinType.ANTI;
    boolean keepUnmatchedProbe = !swapped && (type == JoinType.ANTI || type == JoinType.LEFT || type == JoinType.FULL);
    boolean semiOnProbe = !swapped && type == JoinType.SEMI;
    int c = 0;
    for (int i = 0; i < rows; i++) {
      boolean any = false;
      for (; c < candidates.size && candidates.left[c] == i; c++) {
        int g = candidates.right[c];
        if (g < 0) {
          continue;
        }
        any = true;
        if (pairs) {
          out.add(i, g);
        }
        if (buildMatched != null) {
          buildMatched[g] = true;
        }
      }
      if (any ? semiOnProbe : keepUnmatchedProbe) {
        out.add(i, -1);
      }
    }
  }

  /** Evaluates the residual condition over the candidates; one that fails gets build row {@code -2 - g}. */
  private void rejectFailingCandidates(VectorSchemaRoot batch) {
    FieldVector[] probeVectors = batch.getFieldVectors().toArray(new FieldVector[0]);
    for (int from = 0; from < candidates.size; from += batchRows) {
      int n = Math.min(batchRows, candidates.size - from);
      if (selection.length < n) {
        selection = new int[Math.max(n, batchRows)];
      }
      int count;
      try (VectorSchemaRoot pairs = gather(joinedFields, allColumns, probeVectors, candidates, from, n)) {
        count = condition.select(pairs, selection);
      }
      int s = 0;
      for (int j = 0; j < n; j++) {
        if (s < count && selection[s] == j) {
          s++;
        } else {
          candidates.right[from + j] = -2 - candidates.right[from + j];
        }
      }
    }
  }

  // ---------------------------------------------------------------- output

  private VectorSchemaRoot emit() {
    int n = Math.min(batchRows, out.size - outPos);
    FieldVector[] probeVectors = probe == null ? null : probe.getFieldVectors().toArray(new FieldVector[0]);
    VectorSchemaRoot batch = gather(outFields, emitted, probeVectors, out, outPos, n);
    outPos += n;
    metrics.addBatch(n);
    return batch;
  }

  /**
   * A new batch of {@code columns} (indexes into the left columns, then the right ones), typed by {@code fields},
   * for pairs {@code [from, from + n)} of (probe row, build row); a negative side is NULL.
   */
  private VectorSchemaRoot gather(Field[] fields, int[] columns, FieldVector[] probeVectors, IntPairs pairs, int from,
      int n) {
    List<FieldVector> vectors = new ArrayList<>(columns.length);
    List<Field> types = new ArrayList<>(columns.length);
    boolean done = false;
    try {
      for (int c : columns) {
        types.add(fields[c]);
        boolean fromBuild = swapped == (c < leftWidth);
        int column = c < leftWidth ? c : c - leftWidth;
        if (fromBuild) {
          vectors.add(Gather.gather(buildColumns[column], rowBatch, rowIndex, pairs.right, from, n, fields[c],
              context.allocator()));
        } else {
          vectors.add(Gather.gather(probeVectors == null ? null : new FieldVector[] {probeVectors[column]}, null,
              null, pairs.left, from, n, fields[c], context.allocator()));
        }
      }
      VectorSchemaRoot batch = new VectorSchemaRoot(types, vectors, n);
      done = true;
      return batch;
    } finally {
      if (!done) {
        vectors.forEach(FieldVector::close);
      }
    }
  }

  /** Two growing int columns: (left row, right row) pairs. */
  private static final class IntPairs {
    int[] left = new int[1024];
    int[] right = new int[1024];
    int size;

    void add(int l, int r) {
      if (size == left.length) {
        left = Arrays.copyOf(left, size * 2);
        right = Arrays.copyOf(right, size * 2);
      }
      left[size] = l;
      right[size] = r;
      size++;
    }
  }

  @Override
  public void close() {
    if (probe != null) {
      probe.close();
      probe = null;
    }
    buildBatches.forEach(VectorSchemaRoot::close);
    buildBatches.clear();
    heldLeft.forEach(VectorSchemaRoot::close);
    heldLeft.clear();
    heldRight.forEach(VectorSchemaRoot::close);
    heldRight.clear();
    if (delegate != null) {
      delegate.close();  // closes both inputs
    } else if (probeInput != null) {
      probeInput.close();  // the probe side's input with its held batches
      (swapped ? leftInput : rightInput).close();
    } else {
      leftInput.close();
      rightInput.close();
    }
    reservation.close();
  }
}
