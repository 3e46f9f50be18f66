package io.gleam.exec.exchange;

import io.gleam.connectors.memory.BatchSharing;
import io.gleam.exec.ComputeSlots;
import io.gleam.exec.rows.Gather;
import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.planner.plan.SortKey;
import io.gleam.planner.plan.StageOutput;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * One producer task's side of an exchange: routes each batch it is given (taking ownership) to the consumer
 * partitions. Hash splits rows by the hash of their key columns, computed on the Arrow values; round-robin and
 * gather pass whole batches; broadcast copies each batch to every partition; a shared output passes whole batches
 * to its one log. Range samples its first rows' keys, publishes the sample, and keeps what it produces in a
 * spilling log until every producer has published; then it splits rows by {@link RangeBoundaries#partitionOf}.
 * Closing frees what it still holds.
 */
public final class ExchangeWriter implements AutoCloseable {
  /** Rows a range producer samples before it publishes; key rows kept per consumer partition. */
  static final long RANGE_SAMPLE_WINDOW = 100_000;
  static final int RANGE_SAMPLE_PER_PARTITION = 100;

  private final ExchangeBuffer exchange;
  private final int producer;
  private final BufferAllocator allocator;
  private final ComputeSlots slots;
  private long rowsOut;
  private int nextRoundRobin;
  private RangeSample sample;
  private SharedBatchLog pending;

  public ExchangeWriter(ExchangeBuffer exchange, int producer, BufferAllocator allocator, ComputeSlots slots) {
    this.exchange = exchange;
    this.producer = producer;
    this.allocator = allocator;
    this.slots = slots;
    this.nextRoundRobin = producer;
    if (exchange.output() instanceof StageOutput.Range r) {
      this.sample = new RangeSample(r.order(), Math.min(10_000, RANGE_SAMPLE_PER_PARTITION * r.partitions()),
          RANGE_SAMPLE_WINDOW, 31L * exchange.stage() + producer);
    }
  }

  public void write(VectorSchemaRoot batch) {
    rowsOut += batch.getRowCount();
    if (batch.getRowCount() == 0) {
      batch.close();
      return;
    }
    StageOutput out = exchange.output();
    if (out instanceof StageOutput.Hash h) {
      if (h.keys().length == 0 || h.partitions() == 1) {
        int target = h.partitions() == 1 ? 0 : nextRoundRobin++ % h.partitions();
        exchange.put(producer, target, batch, slots);
      } else {
        splitByHash(batch, h.keys(), h.partitions());
      }
    } else if (out instanceof StageOutput.Merge) {
      exchange.put(producer, 0, batch, slots);
    } else if (out instanceof StageOutput.Shared) {
      exchange.put(producer, producer, batch, slots);
    } else if (out instanceof StageOutput.Broadcast b) {
      // Readers never write to a batch: every partition but the last gets a batch sharing the buffers (reference
      // counted, no copy), the last gets the batch itself.
      for (int t = 0; t < b.partitions() - 1; t++) {
        exchange.put(producer, t, BatchSharing.shareColumns(batch, allColumns(batch), batch.getSchema(), allocator),
            slots);
      }
      exchange.put(producer, b.partitions() - 1, batch, slots);
    } else if (out instanceof StageOutput.Range) {
      writeRange(batch);
    } else {
      batch.close();
      throw new GleamException(ErrorCode.INTERNAL, "the local runner has no exchange for " + out.describe());
    }
  }

  private void writeRange(VectorSchemaRoot batch) {
    RangeBoundaries boundaries = exchange.boundaries();
    if (sample != null) {
      sample.add(batch);
      if (sample.full()) {
        publishSample(boundaries);
      }
    }
    if (boundaries.ready()) {
      routePending(boundaries);
      splitByRange(batch, boundaries);
    } else {
      if (pending == null) {
        pending = exchange.pendingLog(producer, 2);
      }
      pending.put(batch, slots);
    }
  }

  private void publishSample(RangeBoundaries boundaries) {
    boundaries.publish(sample.rows(), sample.seen());
    sample = null;
  }

  /** Routes the batches kept while the boundaries were not known, in the order they came. */
  private void routePending(RangeBoundaries boundaries) {
    if (pending == null) {
      return;
    }
    VectorSchemaRoot b;
    while ((b = pending.poll(0)) != null) {
      splitByRange(b, boundaries);
    }
    close();
  }

  private void splitByRange(VectorSchemaRoot batch, RangeBoundaries boundaries) {
    List<SortKey> order = boundaries.output().order();
    int rows = batch.getRowCount();
    int[] target = new int[rows];
    List<FieldVector> vectors = batch.getFieldVectors();
    for (int r = 0; r < rows; r++) {
      target[r] = boundaries.partitionOf(RangeSample.key(vectors, order, r));
    }
    splitByTarget(batch, target, boundaries.output().partitions());
  }

  private void splitByHash(VectorSchemaRoot batch, int[] keys, int partitions) {
    int rows = batch.getRowCount();
    int[] hashes = new int[rows];
    for (int k : keys) {
      hashColumn(batch.getVector(k), rows, hashes);
    }
    int[] target = new int[rows];
    for (int r = 0; r < rows; r++) {
      // the mixed hash's high bits scaled to [0, partitions), without a division
      target[r] = (int) (((mix(hashes[r]) & 0xFFFF_FFFFL) * partitions) >>> 32);
    }
    splitByTarget(batch, target, partitions);
  }

  /**
   * Folds column {@code v}'s values into the rows' hashes ({@code h = 31 * h + hash(value)}, 0 for NULL), reading
   * fixed-width values and strings by address, a column at a time. Equal values of one type hash alike in every
   * producer, which is all a hash exchange needs (both sides of a join have keys of one type).
   */
  static void hashColumn(FieldVector v, int rows, int[] hashes) {
    boolean nulls = v.getNullCount() > 0;
    long validity = v.getValidityBuffer().memoryAddress();
    if (v instanceof BaseVariableWidthVector s) {
      long offsets = s.getOffsetBuffer().memoryAddress();
      long data = s.getDataBuffer().memoryAddress();
      for (int r = 0; r < rows; r++) {
        int h = 0;
        if (!nulls || Gather.isSet(validity, r)) {
          int from = MemoryUtil.getInt(offsets + (long) r * 4);
          int to = MemoryUtil.getInt(offsets + (long) (r + 1) * 4);
          long x = to - from;
          int b = from;
          for (; b + 8 <= to; b += 8) {
            x = (x ^ MemoryUtil.getLong(data + b)) * 0x9E3779B97F4A7C15L;
          }
          for (; b < to; b++) {
            x = (x ^ (MemoryUtil.getByte(data + b) & 0xFF)) * 0x100000001B3L;
          }
          h = longHash(x);
        }
        hashes[r] = 31 * hashes[r] + h;
      }
      return;
    }
    int width = v instanceof BaseFixedWidthVector f && !(v instanceof BitVector) ? f.getTypeWidth() : -1;
    if (width != 1 && width != 2 && width != 4 && width != 8 && width != 16) {
      for (int r = 0; r < rows; r++) {
        hashes[r] = 31 * hashes[r] + (v.isNull(r) ? 0 : v.hashCode(r));
      }
      return;
    }
    long data = v.getDataBuffer().memoryAddress();
    for (int r = 0; r < rows; r++) {
      int h = 0;
      if (!nulls || Gather.isSet(validity, r)) {
        long x = width == 16
            ? MemoryUtil.getLong(data + (long) r * 16) * 31 + MemoryUtil.getLong(data + (long) r * 16 + 8)
            : Gather.readInteger(data, r, width);
        h = longHash(x);
      }
      hashes[r] = 31 * hashes[r] + h;
    }
  }

  private static int longHash(long x) {
    long m = x * 0x9E3779B97F4A7C15L;
    return (int) (m ^ (m >>> 32));
  }

  private void splitByTarget(VectorSchemaRoot batch, int[] target, int partitions) {
    int rows = batch.getRowCount();
    int[] counts = new int[partitions];
    for (int r = 0; r < rows; r++) {
      counts[target[r]]++;
    }
    if (rows > 0 && counts[target[0]] == rows) {
      // Every row goes to one partition (common when a range split meets sorted input): pass the batch on whole.
      exchange.put(producer, target[0], batch, slots);
      return;
    }
    try (batch) {
      for (int t = 0; t < partitions; t++) {
        if (counts[t] == 0) {
          continue;
        }
        int[] rowsOfT = new int[counts[t]];
        int n = 0;
        for (int r = 0; r < rows; r++) {
          if (target[r] == t) {
            rowsOfT[n++] = r;
          }
        }
        exchange.put(producer, t, copyRows(batch, rowsOfT, n), slots);
      }
    }
  }

  private static int[] allColumns(VectorSchemaRoot batch) {
    int[] columns = new int[batch.getFieldVectors().size()];
    for (int c = 0; c < columns.length; c++) {
      columns[c] = c;
    }
    return columns;
  }

  private VectorSchemaRoot copyRows(VectorSchemaRoot from, int[] rows, int count) {
    List<FieldVector> vectors = new ArrayList<>();
    boolean ok = false;
    try {
      for (FieldVector v : from.getFieldVectors()) {
        vectors.add(Gather.gather(v, v.getField(), rows, 0, count, allocator));
      }
      VectorSchemaRoot to = new VectorSchemaRoot(from.getSchema().getFields(), vectors, count);
      ok = true;
      return to;
    } finally {
      if (!ok) {
        vectors.forEach(FieldVector::close);
      }
    }
  }

  private static int mix(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }

  /**
   * Ends this producer's streams: every consumer queue it may have written gets an end marker. A range producer
   * first publishes its sample if it has not yet (an empty producer publishes an empty one), waits for the other
   * producers' samples without holding its compute slot, and routes what it kept.
   */
  public void finish() {
    if (exchange.output() instanceof StageOutput.Range) {
      RangeBoundaries boundaries = exchange.boundaries();
      if (sample != null) {
        publishSample(boundaries);
      }
      boundaries.await(slots);
      routePending(boundaries);
    }
    if (exchange.perProducer() || exchange.output() instanceof StageOutput.Shared) {
      exchange.putEnd(producer, producer, slots);
    } else {
      for (int t = 0; t < exchange.output().targetPartitions(); t++) {
        exchange.putEnd(producer, t, slots);
      }
    }
  }

  /** Frees the batches a range producer still keeps (after a failure; {@link #finish} routes them). */
  @Override
  public void close() {
    if (pending != null) {
      exchange.countPendingSpills(pending.spilledBatches());
      pending.close();
      pending = null;
    }
  }

  public long rowsOut() {
    return rowsOut;
  }
}
