package io.gleam.exec.operator;

import io.gleam.exec.RunContext;
import io.gleam.exec.memory.MemoryReservation;
import io.gleam.exec.rows.BatchBuilder;
import io.gleam.exec.rows.Gather;
import io.gleam.exec.rows.RowKey;
import io.gleam.exec.rows.RowSizes;
import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.planner.plan.AggCall;
import io.gleam.planner.plan.AggFunction;
import io.gleam.planner.plan.PlanNode;
import io.gleam.planner.plan.Reducer;
import io.gleam.planner.rows.ArrowValues;
import java.math.BigDecimal;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The partial or final phase of an aggregate whose calls are all SUM, COUNT, AVG, MIN or MAX over INT, BIGINT,
 * DOUBLE or DECIMAL columns (TPC-H Q1's shape), read column by column from the input's Arrow batches.
 *
 * <p>Algorithm: per batch, the key columns are looked up row by row, integer and date keys by their value packed
 * into a {@code long} in a {@link LongIntMap}, other keys in a hash map from boxed key to group number; then each
 * call runs one tight loop over its value vector, adding into primitive per-group arrays: {@code long} sums, counts
 * and extremes (a decimal as its unscaled {@code long}, read straight from the vector's buffer), {@code double}
 * sums and extremes. A decimal sum that leaves the {@code long} range (or a value that never fit) goes on in a
 * {@link BigDecimal} for that group; a BIGINT sum that overflows fails, as the row-wise aggregate does. The final
 * phase runs the same loops over the partial states (counts and sums summed, extremes taken again, an average's sum
 * and count each summed) and then divides averages. Results equal {@link AggregateOperator}'s exactly: values are
 * added in the same order, AVG's double sum included.
 *
 * <p>Memory: one key and a few words per call per distinct key held, within the budget. When the reservation is
 * refused, the partial phase finishes the batch, emits what it holds and starts over, as every partial aggregate
 * may; the final phase hands its merged states and the rest of its input to {@link AggregateOperator}, which spills.
 */
public final class PrimitiveAggregateOperator extends RowOperator {
  private static final Object NULL_KEY = new Object();
  private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
  private static final double[] POW10 = {
      1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
      1e19, 1e20, 1e21, 1e22};

  /** How a call reads its column. */
  private enum Input { NONE, INT, BIGINT, DOUBLE, DECIMAL }

  private final Operator input;
  private final int[] keys;
  private final AggCall[] calls;
  private final Schema inputSchema;
  private final Input[] inputs;
  private final int[] scales;
  private final MemoryReservation reservation;
  private final RunContext context;
  private final long bytesPerGroup;
  private final Map<Object, Integer> groups = new HashMap<>();
  /**
   * Per key column its width in bytes when there are one or two keys, each an integer or a date, else null: then
   * rows without a NULL key (and, for two keys, whose values both fit 32 bits) find their group in
   * {@link #longGroups} by the key packed into one long, and only a new group boxes its key.
   */
  private final int[] keyWidths;
  private final LongIntMap longGroups;
  /** When the keys do not pack into one long but each has a code: their groups found by the codes, else null. */
  private final CodedKeyGroups codedGroups;
  /** The packed key of the row last looked up and its group (-1: none since the last reset). */
  private long lastPacked;
  private int lastGroup = -1;
  /** Whether a boxed key's new group was refused memory during the current {@link #assignGroups} call. */
  private boolean refused;
  private Object[] groupKeys = new Object[64];
  private int groupCount;
  /** Per call: sum, count, or extreme (a double's bits for DOUBLE MIN/MAX); AVG's count. */
  private final long[][] longs;
  /** Per call: a DOUBLE sum, or AVG's sum. */
  private final double[][] doubles;
  /** Per call: whether SUM/MIN/MAX has seen a non-null value; for AVG whether the group has seen a row. */
  private final boolean[][] seen;
  /** Per call: a decimal sum that no longer fits in a long, else null. */
  private final BigDecimal[][] bigSums;
  private final StringKeyCache[] stringKeys;
  private int[] groupOfRow = new int[0];
  private int emitGroup = -1;
  private boolean inputDone;
  private final PlanNode.Aggregate node;
  private final String consumerName;
  /** A FINAL aggregate's own calls, whose results {@link #finish} makes from the merged states; null for PARTIAL. */
  private final List<AggCall> finalCalls;
  /** The row aggregate a FINAL aggregate hands its states and the rest of its input to when memory runs out. */
  private AggregateOperator delegate;

  /**
   * Whether {@code node} has this operator's shape: PARTIAL, built-in calls (none, for distinct keys) that are COUNT,
   * or SUM/AVG/MIN/MAX over INT, BIGINT, DOUBLE or DECIMAL (MIN/MAX only up to precision 18, whose values fit in a
   * long); or FINAL over such calls' states.
   */
  public static boolean applies(PlanNode.Aggregate node) {
    // no calls: the distinct keys (DISTINCT, and the (keys, x) pairs under a COUNT(DISTINCT x))
    if (!(node.reducer() instanceof Reducer.Builtin b) || b.calls().isEmpty() && node.keys().length == 0) {
      return false;
    }
    if (node.mode() == PlanNode.AggMode.FINAL) {
      return stateCalls(node) != null;
    }
    if (node.mode() != PlanNode.AggMode.PARTIAL) {
      return false;
    }
    return takes(node.input().schema(), b.calls());
  }

  /**
   * A FINAL aggregate's calls as calls over its input's state columns (after the keys), which merge the states the
   * way partial calls add values: a count or a sum is summed, an extreme is taken again, an average's double sum and
   * count are each summed. Null when a state column has a type this operator does not read.
   */
  private static List<AggCall> stateCalls(PlanNode.Aggregate node) {
    Schema in = node.input().schema();
    List<AggCall> state = new ArrayList<>();
    int column = node.keys().length;
    for (AggCall call : ((Reducer.Builtin) node.reducer()).calls()) {
      switch (call.function()) {
        case COUNT, SUM -> state.add(new AggCall(AggFunction.SUM, column++, call.name()));
        case MIN, MAX -> state.add(new AggCall(call.function(), column++, call.name()));
        case AVG -> {
          state.add(new AggCall(AggFunction.SUM, column++, call.name()));
          state.add(new AggCall(AggFunction.SUM, column++, call.name() + "c"));
        }
        default -> {
          return null;
        }
      }
    }
    if (column != in.getFields().size() || !takes(in, state)) {
      return null;
    }
    return state;
  }

  private static boolean takes(Schema input, List<AggCall> calls) {
    for (AggCall call : calls) {
      if (call.function() == AggFunction.COUNT) {
        continue;
      }
      if (call.column() < 0) {
        return false;
      }
      ArrowType t = input.getFields().get(call.column()).getType();
      Input in = inputOf(t);
      if (in == Input.NONE) {
        return false;
      }
      if (in == Input.DECIMAL && (call.function() == AggFunction.MIN || call.function() == AggFunction.MAX)
          && ((ArrowType.Decimal) t).getPrecision() > 18) {
        return false;
      }
    }
    return true;
  }

  private static int[] prefix(int n) {
    int[] keys = new int[n];
    for (int i = 0; i < n; i++) {
      keys[i] = i;
    }
    return keys;
  }

  private static Input inputOf(ArrowType t) {
    if (t instanceof ArrowType.Int i && i.getIsSigned()) {
      return i.getBitWidth() == 64 ? Input.BIGINT : i.getBitWidth() == 32 ? Input.INT : Input.NONE;
    } else if (t instanceof ArrowType.FloatingPoint f && f.getPrecision() == FloatingPointPrecision.DOUBLE) {
      return Input.DOUBLE;
    } else if (t instanceof ArrowType.Decimal d && d.getBitWidth() == 128) {
      return Input.DECIMAL;
    }
    return Input.NONE;
  }

  public PrimitiveAggregateOperator(PlanNode.Aggregate node, Operator input, RunContext context, String consumer) {
    super(node.schema(), context.allocator(), context.options().batchRows());
    if (!applies(node)) {
      throw new GleamException(ErrorCode.INTERNAL, "PrimitiveAggregate cannot run " + node.reducer());
    }
    this.input = input;
    this.node = node;
    this.consumerName = consumer;
    boolean isFinal = node.mode() == PlanNode.AggMode.FINAL;
    this.finalCalls = isFinal ? ((Reducer.Builtin) node.reducer()).calls() : null;
    this.keys = isFinal ? prefix(node.keys().length) : node.keys();
    List<AggCall> list = isFinal ? stateCalls(node) : ((Reducer.Builtin) node.reducer()).calls();
    this.calls = list.toArray(new AggCall[0]);
    this.inputs = new Input[calls.length];
    this.scales = new int[calls.length];
    Schema in = node.input().schema();
    this.inputSchema = in;
    for (int c = 0; c < calls.length; c++) {
      if (calls[c].column() >= 0) {
        ArrowType t = in.getFields().get(calls[c].column()).getType();
        inputs[c] = inputOf(t);
        scales[c] = t instanceof ArrowType.Decimal d ? d.getScale() : 0;
      } else {
        inputs[c] = Input.NONE;
      }
    }
    this.longs = new long[calls.length][64];
    this.doubles = new double[calls.length][];
    this.seen = new boolean[calls.length][64];
    this.bigSums = new BigDecimal[calls.length][];
    for (int c = 0; c < calls.length; c++) {
      AggFunction f = calls[c].function();
      if (f == AggFunction.AVG || (inputs[c] == Input.DOUBLE && f == AggFunction.SUM)) {
        doubles[c] = new double[64];
      }
      if (inputs[c] == Input.DECIMAL && f == AggFunction.SUM) {
        bigSums[c] = new BigDecimal[64];
      }
    }
    this.stringKeys = new StringKeyCache[keys.length];
    for (int k = 0; k < keys.length; k++) {
      stringKeys[k] = new StringKeyCache();
    }
    this.bytesPerGroup = 48 + 17L * calls.length;
    this.keyWidths = packableKeys(in, keys);
    this.longGroups = keyWidths == null ? null : new LongIntMap();
    this.codedGroups = keyWidths == null && CodedKeyGroups.codable(in, keys) ? new CodedKeyGroups(in, keys) : null;
    this.context = context;
    this.reservation = context.memoryPool().reservation(consumer);
  }

  @Override
  public Object[] nextRow() {
    while (true) {
      if (delegate != null) {
        return delegate.nextRow();
      }
      if (emitGroup >= 0) {
        if (emitGroup < groupCount) {
          Object[] states = emit(emitGroup++);
          return finalCalls == null ? states : finish(states);
        }
        emitGroup = -1;
        reset();
      }
      if (inputDone) {
        return null;
      }
      consume();
      if (!inputDone && finalCalls != null) {
        handOver();
        continue;
      }
      emitGroup = 0;
    }
  }

  /**
   * A FINAL aggregate out of memory: its groups' merged states, which have its input's shape, then the rest of its
   * input go to the row aggregate, which spills sorted runs.
   */
  private void handOver() {
    context.count("aggregate.rowAggregateHandovers", 1);
    List<VectorSchemaRoot> states = new ArrayList<>();
    boolean done = false;
    try (BatchBuilder builder = new BatchBuilder(node.input().schema(), context.allocator(),
        context.options().batchRows())) {
      for (int g = 0; g < groupCount; g++) {
        builder.add(emit(g));
        if (builder.isFull()) {
          states.add(builder.take());
        }
      }
      VectorSchemaRoot last = builder.take();
      if (last != null) {
        states.add(last);
      }
      done = true;
    } finally {
      if (!done) {
        states.forEach(VectorSchemaRoot::close);
      }
    }
    reset();
    delegate = new AggregateOperator(node, new ReplayOperator(states, input), null, context, consumerName);
  }

  /** A FINAL aggregate's output row from a group's merged states: an average is its sum over its count. */
  private Object[] finish(Object[] states) {
    Object[] out = new Object[keys.length + finalCalls.size()];
    System.arraycopy(states, 0, out, 0, keys.length);
    int j = keys.length;
    for (int c = 0; c < finalCalls.size(); c++) {
      if (finalCalls.get(c).function() == AggFunction.AVG) {
        Object sum = states[j];
        long n = states[j + 1] == null ? 0 : ((Number) states[j + 1]).longValue();
        out[keys.length + c] = n == 0 || sum == null ? null : ((Number) sum).doubleValue() / n;
        j += 2;
      } else {
        out[keys.length + c] = states[j++];
      }
    }
    return out;
  }

  /** Reads batches until the input ends or the memory reservation was refused. */
  private void consume() {
    while (true) {
      context.checkCancelled();
      Optional<VectorSchemaRoot> next = input.next();
      if (next.isEmpty()) {
        inputDone = true;
        return;
      }
      boolean full;
      try (VectorSchemaRoot batch = next.get()) {
        full = !addBatch(batch);
      }
      if (full) {
        return;
      }
    }
  }

  /** Adds a batch; returns false when the memory reservation was refused (the batch is added all the same). */
  private boolean addBatch(VectorSchemaRoot batch) {
    int rows = batch.getRowCount();
    if (rows == 0) {
      return true;
    }
    boolean granted = assignGroups(batch, rows);
    List<FieldVector> vectors = batch.getFieldVectors();
    for (int c = 0; c < calls.length; c++) {
      int col = calls[c].column();
      FieldVector v = col < 0 ? null : vectors.get(col);
      if (v != null && !expectedVector(inputs[c], v)) {
        throw new GleamException(ErrorCode.INTERNAL, String.format(
            "%s: column %d of type %s arrived as a %s", calls[c], col, v.getField().getType(),
            v.getClass().getSimpleName()));
      }
      switch (calls[c].function()) {
        case COUNT -> count(c, v, rows);
        case SUM -> sum(c, v, rows);
        case AVG -> avg(c, v, rows);
        case MIN -> extreme(c, v, rows, true);
        case MAX -> extreme(c, v, rows, false);
      }
    }
    return granted;
  }

  private static boolean expectedVector(Input in, FieldVector v) {
    switch (in) {
      case INT:
        return v instanceof IntVector;
      case BIGINT:
        return v instanceof BigIntVector;
      case DOUBLE:
        return v instanceof Float8Vector;
      case DECIMAL:
        return v instanceof DecimalVector;
      default:
        return true;  // COUNT of a column reads only its validity
    }
  }

  /** Fills {@link #groupOfRow}; returns false when a new group's memory was refused. */
  private boolean assignGroups(VectorSchemaRoot batch, int rows) {
    refused = false;
    if (groupOfRow.length < rows) {
      groupOfRow = new int[rows];
    }
    if (keyWidths != null) {
      return assignPackedGroups(batch, rows);
    }
    if (codedGroups != null) {
      return assignCodedGroups(batch, rows);
    }
    boolean granted = true;
    if (keys.length == 0) {
      if (groupCount == 0) {
        granted = newGroup(NULL_KEY);
      }
      Arrays.fill(groupOfRow, 0, rows, 0);
      return granted;
    }
    FieldVector[] keyVectors = new FieldVector[keys.length];
    for (int k = 0; k < keys.length; k++) {
      keyVectors[k] = batch.getVector(keys[k]);
    }
    for (int i = 0; i < rows; i++) {
      groupOfRow[i] = boxedGroup(boxedKey(keyVectors, i));
    }
    return !refused;
  }

  /** The group of a boxed key, added if new; sets {@link #refused} when the new group's memory was refused. */
  private int boxedGroup(Object key) {
    Integer g = groups.get(key);
    if (g != null) {
      return g;
    }
    int added = groupCount;
    refused |= !newGroup(key);
    return added;
  }

  /** The key widths when the keys pack into one long (see {@link #keyWidths}), else null. */
  private static int[] packableKeys(Schema in, int[] keys) {
    if (keys.length == 0 || keys.length > 2) {
      return null;
    }
    int[] widths = new int[keys.length];
    for (int k = 0; k < keys.length; k++) {
      ArrowType t = in.getFields().get(keys[k]).getType();
      if (t instanceof ArrowType.Int i && i.getIsSigned()) {
        widths[k] = i.getBitWidth() / 8;
      } else if (t instanceof ArrowType.Date d && d.getUnit() == org.apache.arrow.vector.types.DateUnit.DAY) {
        widths[k] = 4;
      } else {
        return null;
      }

    }
    return widths;
  }

  private boolean assignPackedGroups(VectorSchemaRoot batch, int rows) {
    boolean granted = true;
    int n = keys.length;
    FieldVector[] keyVectors = new FieldVector[n];
    long[] data = new long[n];
    long[] validity = new long[n];
    boolean nulls = false;
    for (int k = 0; k < n; k++) {
      keyVectors[k] = batch.getVector(keys[k]);
      data[k] = keyVectors[k].getDataBuffer().memoryAddress();
      validity[k] = keyVectors[k].getValidityBuffer().memoryAddress();
      nulls |= keyVectors[k].getNullCount() > 0;
    }
    for (int i = 0; i < rows; i++) {
      boolean anyNull = false;
      if (nulls) {
        for (int k = 0; k < n; k++) {
          anyNull |= !Gather.isSet(validity[k], i);
        }
      }
      long packed;
      if (n == 1) {
        packed = Gather.readInteger(data[0], i, keyWidths[0]);
      } else {
        long a = Gather.readInteger(data[0], i, keyWidths[0]);
        long b = Gather.readInteger(data[1], i, keyWidths[1]);
        // two keys share the long when both fit 32 bits (TPC-H's keys always do); a pair that does not takes the
        // boxed path, always, so its group is found the same way every time
        anyNull |= a != (int) a || b != (int) b;
        packed = (a << 32) | (b & 0xFFFF_FFFFL);
      }
      if (anyNull) {
        // NULL keys are rare: they take the boxed path, whose groups never collide with packed ones
        groupOfRow[i] = boxedGroup(boxedKey(keyVectors, i));
        continue;
      }
      int g = packed == lastPacked && lastGroup >= 0 ? lastGroup : longGroups.get(packed);
      if (g < 0) {
        g = groupCount;
        granted &= newGroup(boxedKey(keyVectors, i), false);
        longGroups.put(packed, g);
      }
      groupOfRow[i] = g;
      lastPacked = packed;  // runs of one key (a constant key, a clustered column) skip the lookup
      lastGroup = g;
    }
    return granted && !refused;
  }

  private boolean assignCodedGroups(VectorSchemaRoot batch, int rows) {
    boolean granted = true;
    FieldVector[] keyVectors = new FieldVector[keys.length];
    for (int k = 0; k < keys.length; k++) {
      keyVectors[k] = batch.getVector(keys[k]);
    }
    codedGroups.encode(batch, rows);
    for (int i = 0; i < rows; i++) {
      // runs of one key (a clustered column) skip the lookup
      int g = i > 0 && codedGroups.sameAsRow(i, i - 1) ? groupOfRow[i - 1] : codedGroups.find(i);
      if (g < 0) {
        g = groupCount;
        granted &= newGroup(boxedKey(keyVectors, i), false);
        granted &= reservation.tryGrow(codedGroups.bytesPerGroup());
        codedGroups.add(i, g);
      }
      groupOfRow[i] = g;
    }
    return granted && !refused;
  }

  /** Row {@code i}'s key as the group map holds it: the value (NULL_KEY for NULL), or a RowKey of several. */
  private Object boxedKey(FieldVector[] keyVectors, int i) {
    if (keyVectors.length == 1) {
      Object v = keyValue(0, keyVectors[0], i);
      return v == null ? NULL_KEY : v;
    }
    Object[] kv = new Object[keyVectors.length];
    for (int k = 0; k < kv.length; k++) {
      kv[k] = keyValue(k, keyVectors[k], i);
    }
    return new RowKey(kv);
  }

  /** Key column {@code k}'s value at row {@code i}, as {@link ArrowValues#get} gives it. */
  private Object keyValue(int k, FieldVector v, int i) {
    if (v instanceof VarCharVector s) {
      return stringKeys[k].get(s, i);
    }
    return ArrowValues.get(v, i);
  }

  private boolean newGroup(Object key) {
    return newGroup(key, true);
  }

  /** Adds a group for {@code key}, found by {@link #groups} when {@code boxedLookup} (else by its packed key). */
  private boolean newGroup(Object key, boolean boxedLookup) {
    int g = groupCount++;
    if (g == groupKeys.length) {
      grow(g * 2);
    }
    groupKeys[g] = key;
    if (boxedLookup) {
      groups.put(key, g);
    }
    long keyBytes = key instanceof RowKey rk ? RowSizes.estimate(rk.values()) : RowSizes.estimate(new Object[] {key});
    return reservation.tryGrow(keyBytes + bytesPerGroup);
  }

  private void grow(int capacity) {
    groupKeys = Arrays.copyOf(groupKeys, capacity);
    for (int c = 0; c < calls.length; c++) {
      longs[c] = Arrays.copyOf(longs[c], capacity);
      seen[c] = Arrays.copyOf(seen[c], capacity);
      if (doubles[c] != null) {
        doubles[c] = Arrays.copyOf(doubles[c], capacity);
      }
      if (bigSums[c] != null) {
        bigSums[c] = Arrays.copyOf(bigSums[c], capacity);
      }
    }
  }

  private void reset() {
    groups.clear();
    if (longGroups != null) {
      longGroups.clear();
    }
    if (codedGroups != null) {
      codedGroups.clear();
    }
    lastGroup = -1;
    Arrays.fill(groupKeys, 0, groupCount, null);
    for (int c = 0; c < calls.length; c++) {
      Arrays.fill(longs[c], 0, groupCount, 0L);
      Arrays.fill(seen[c], 0, groupCount, false);
      if (doubles[c] != null) {
        Arrays.fill(doubles[c], 0, groupCount, 0.0);
      }
      if (bigSums[c] != null) {
        Arrays.fill(bigSums[c], 0, groupCount, null);
      }
    }
    groupCount = 0;
    reservation.shrinkAll();
  }

  private void count(int c, FieldVector v, int rows) {
    long[] n = longs[c];
    int[] gs = groupOfRow;
    if (v == null || v.getNullCount() == 0) {
      for (int i = 0; i < rows; i++) {
        n[gs[i]]++;
      }
    } else {
      for (int i = 0; i < rows; i++) {
        if (!v.isNull(i)) {
          n[gs[i]]++;
        }
      }
    }
  }

  private void sum(int c, FieldVector v, int rows) {
    int[] gs = groupOfRow;
    boolean[] s = seen[c];
    switch (inputs[c]) {
      case INT -> {
        IntVector iv = (IntVector) v;
        long[] acc = longs[c];
        for (int i = 0; i < rows; i++) {
          if (!iv.isNull(i)) {
            int g = gs[i];
            acc[g] = addExact(acc[g], iv.get(i), c);
            s[g] = true;
          }
        }
      }
      case BIGINT -> {
        long[] acc = longs[c];
        long data = v.getDataBuffer().memoryAddress();
        long validity = v.getValidityBuffer().memoryAddress();
        boolean nulls = v.getNullCount() > 0;
        for (int i = 0; i < rows; i++) {
          if (!nulls || Gather.isSet(validity, i)) {
            int g = gs[i];
            acc[g] = addExact(acc[g], MemoryUtil.getLong(data + (long) i * 8), c);
            s[g] = true;
          }
        }
      }
      case DOUBLE -> {
        Float8Vector fv = (Float8Vector) v;
        double[] acc = doubles[c];
        for (int i = 0; i < rows; i++) {
          if (!fv.isNull(i)) {
            int g = gs[i];
            // the first value is taken as it is (0.0 + -0.0 would lose the sign), as the row-wise aggregate does
            acc[g] = s[g] ? acc[g] + fv.get(i) : fv.get(i);
            s[g] = true;
          }
        }
      }
      case DECIMAL -> sumDecimal(c, (DecimalVector) v, rows);
      case NONE -> throw new IllegalStateException("SUM without a column");
    }
  }

  private void sumDecimal(int c, DecimalVector v, int rows) {
    int[] gs = groupOfRow;
    boolean[] s = seen[c];
    long[] acc = longs[c];
    BigDecimal[] big = bigSums[c];
    long data = v.getDataBuffer().memoryAddress();
    long validity = v.getValidityBuffer().memoryAddress();
    boolean nulls = v.getNullCount() > 0;
    int scale = scales[c];
    for (int i = 0; i < rows; i++) {
      if (nulls && !Gather.isSet(validity, i)) {
        continue;
      }
      int g = gs[i];
      s[g] = true;
      long low = 0;
      boolean fits = false;
      if (LITTLE_ENDIAN) {
        long offset = data + (long) i * DecimalVector.TYPE_WIDTH;
        low = MemoryUtil.getLong(offset);
        fits = MemoryUtil.getLong(offset + 8) == (low >> 63);
      }
      if (big[g] == null && fits) {
        long r = acc[g] + low;
        if (((acc[g] ^ r) & (low ^ r)) >= 0) {
          acc[g] = r;
          continue;
        }
      }
      if (big[g] == null) {
        big[g] = BigDecimal.valueOf(acc[g], scale);
      }
      big[g] = big[g].add(fits ? BigDecimal.valueOf(low, scale) : v.getObject(i));
    }
  }

  private void avg(int c, FieldVector v, int rows) {
    int[] gs = groupOfRow;
    double[] sum = doubles[c];
    long[] n = longs[c];
    boolean[] started = seen[c];
    for (int i = 0; i < rows; i++) {
      int g = gs[i];
      if (v.isNull(i)) {
        started[g] = true;  // the row-wise state starts at 0.0 when a group's first value is NULL
        continue;
      }
      double d;
      switch (inputs[c]) {
        case INT -> d = ((IntVector) v).get(i);
        case BIGINT -> d = (double) ((BigIntVector) v).get(i);
        case DOUBLE -> d = ((Float8Vector) v).get(i);
        default -> d = decimalAsDouble((DecimalVector) v, i, scales[c]);
      }
      sum[g] = started[g] ? sum[g] + d : d;
      started[g] = true;
      n[g]++;
    }
  }

  /** A decimal as {@link BigDecimal#doubleValue()} gives it, without making the BigDecimal when it fits. */
  private static double decimalAsDouble(DecimalVector v, int i, int scale) {
    if (LITTLE_ENDIAN) {
      long offset = (long) i * DecimalVector.TYPE_WIDTH;
      long low = v.getDataBuffer().getLong(offset);
      if (v.getDataBuffer().getLong(offset + 8) == (low >> 63)) {
        // BigDecimal.doubleValue's own exact path: both operands exact, one correctly rounded division
        if (scale == 0) {
          return (double) low;
        }
        if (Math.abs(low) < 1L << 52 && scale > 0 && scale < POW10.length) {
          return (double) low / POW10[scale];
        }
        return BigDecimal.valueOf(low, scale).doubleValue();
      }
    }
    return v.getObject(i).doubleValue();
  }

  private void extreme(int c, FieldVector v, int rows, boolean min) {
    int[] gs = groupOfRow;
    boolean[] s = seen[c];
    long[] acc = longs[c];
    if (inputs[c] == Input.DOUBLE) {
      Float8Vector fv = (Float8Vector) v;
      for (int i = 0; i < rows; i++) {
        if (!fv.isNull(i)) {
          int g = gs[i];
          double d = fv.get(i);
          if (!s[g]) {
            acc[g] = Double.doubleToRawLongBits(d);
            s[g] = true;
          } else {
            int cmp = Double.compare(Double.longBitsToDouble(acc[g]), d);
            if (min ? cmp > 0 : cmp < 0) {
              acc[g] = Double.doubleToRawLongBits(d);
            }
          }
        }
      }
      return;
    }
    for (int i = 0; i < rows; i++) {
      if (v.isNull(i)) {
        continue;
      }
      long x;
      switch (inputs[c]) {
        case INT -> x = ((IntVector) v).get(i);
        case BIGINT -> x = ((BigIntVector) v).get(i);
        default -> x = unscaled((DecimalVector) v, i);
      }
      int g = gs[i];
      if (!s[g]) {
        acc[g] = x;
        s[g] = true;
      } else if (min ? x < acc[g] : x > acc[g]) {
        acc[g] = x;
      }
    }
  }

  /** The unscaled value of a decimal of precision at most 18. */
  private static long unscaled(DecimalVector v, int i) {
    if (LITTLE_ENDIAN) {
      return v.getDataBuffer().getLong((long) i * DecimalVector.TYPE_WIDTH);
    }
    return v.getObject(i).unscaledValue().longValueExact();
  }

  private long addExact(long a, long b, int c) {
    long r = a + b;
    if (((a ^ r) & (b ^ r)) < 0) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "SUM(%s) as %s: the sum overflows BIGINT (adding %d to %d)",
          inputSchema.getFields().get(calls[c].column()).getName(), calls[c].name(), b, a);
    }
    return r;
  }

  private Object[] emit(int g) {
    int width = keys.length;
    for (AggCall call : calls) {
      width += call.function() == AggFunction.AVG ? 2 : 1;
    }
    Object[] out = new Object[width];
    Object key = groupKeys[g];
    if (keys.length == 1) {
      out[0] = key == NULL_KEY ? null : key;
    } else if (keys.length > 1) {
      Object[] kv = ((RowKey) key).values();
      System.arraycopy(kv, 0, out, 0, kv.length);
    }
    int j = keys.length;
    for (int c = 0; c < calls.length; c++) {
      AggFunction f = calls[c].function();
      if (f == AggFunction.COUNT) {
        out[j++] = longs[c][g];
      } else if (f == AggFunction.AVG) {
        out[j++] = doubles[c][g];
        out[j++] = longs[c][g];
      } else if (!seen[c][g]) {
        out[j++] = null;
      } else if (f == AggFunction.SUM) {
        switch (inputs[c]) {
          case DOUBLE -> out[j++] = doubles[c][g];
          case DECIMAL -> out[j++] = bigSums[c][g] != null ? bigSums[c][g] : BigDecimal.valueOf(longs[c][g], scales[c]);
          default -> out[j++] = longs[c][g];
        }
      } else {
        long x = longs[c][g];
        switch (inputs[c]) {
          case INT -> out[j++] = (int) x;
          case DOUBLE -> out[j++] = Double.longBitsToDouble(x);
          case DECIMAL -> out[j++] = BigDecimal.valueOf(x, scales[c]);
          default -> out[j++] = x;
        }
      }
    }
    return out;
  }

  /**
   * The strings of short VARCHAR key values seen before, found by their bytes in the vector, so a repeated key (the
   * usual case: few groups, many rows) is neither copied nor decoded. Holds at most {@code SLOTS / 2} strings;
   * beyond that, new values are decoded each time.
   */
  private static final class StringKeyCache {
    private static final int SLOTS = 1024;
    private static final int MAX_LENGTH = 32;
    private final byte[][] bytes = new byte[SLOTS][];
    private final String[] strings = new String[SLOTS];
    private int used;

    Object get(VarCharVector v, int i) {
      if (v.isNull(i)) {
        return null;
      }
      ArrowBuf offsets = v.getOffsetBuffer();
      int start = offsets.getInt((long) i * BaseVariableWidthVector.OFFSET_WIDTH);
      int length = offsets.getInt((long) (i + 1) * BaseVariableWidthVector.OFFSET_WIDTH) - start;
      if (length > MAX_LENGTH) {
        return ArrowValues.get(v, i);
      }
      ArrowBuf data = v.getDataBuffer();
      int h = length;
      for (int b = 0; b < length; b++) {
        h = 31 * h + data.getByte(start + b);
      }
      h *= 0x9E3779B9;
      h ^= h >>> 16;
      for (int slot = h & (SLOTS - 1); ; slot = (slot + 1) & (SLOTS - 1)) {
        byte[] known = bytes[slot];
        if (known == null) {
          Object value = ArrowValues.get(v, i);
          if (used < SLOTS / 2) {
            bytes[slot] = v.get(i);
            strings[slot] = (String) value;
            used++;
          }
          return value;
        }
        if (known.length == length && sameBytes(known, data, start)) {
          return strings[slot];
        }
      }
    }

    private static boolean sameBytes(byte[] known, ArrowBuf data, int start) {
      for (int b = 0; b < known.length; b++) {
        if (known[b] != data.getByte(start + b)) {
          return false;
        }
      }
      return true;
    }
  }

  @Override
  public void close() {
    reservation.close();
    if (delegate != null) {
      delegate.close();  // closes the input
    } else {
      input.close();
    }
    super.close();
  }
}
