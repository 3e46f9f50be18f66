package io.gleam.exec.exchange;

import io.gleam.exec.ComputeSlots;
import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.planner.plan.StageOutput;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * One producer task's side of an exchange: routes each batch it is given (taking ownership) to the consumer
 * partitions. Hash splits rows by the hash of their key columns, computed on the Arrow values; round-robin and
 * gather pass whole batches; broadcast copies each batch to every partition.
 */
public final class ExchangeWriter {
  private final ExchangeBuffer exchange;
  private final int producer;
  private final BufferAllocator allocator;
  private final ComputeSlots slots;
  private long rowsOut;
  private int nextRoundRobin;

  public ExchangeWriter(ExchangeBuffer exchange, int producer, BufferAllocator allocator, ComputeSlots slots) {
    this.exchange = exchange;
    this.producer = producer;
    this.allocator = allocator;
    this.slots = slots;
    this.nextRoundRobin = producer;
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
        exchange.queueFor(producer, target).put(batch, slots);
      } else {
        splitByHash(batch, h.keys(), h.partitions());
      }
    } else if (out instanceof StageOutput.Merge) {
      exchange.queueFor(producer, 0).put(batch, slots);
    } else if (out instanceof StageOutput.Broadcast b) {
      try (batch) {
        for (int t = 0; t < b.partitions(); t++) {
          exchange.queueFor(producer, t).put(copyRows(batch, null, batch.getRowCount()), slots);
        }
      }
    } else {
      batch.close();
      throw new GleamException(ErrorCode.INTERNAL, "the local runner has no exchange for " + out.describe());
    }
  }

  private void splitByHash(VectorSchemaRoot batch, int[] keys, int partitions) {
    try (batch) {
      int rows = batch.getRowCount();
      int[] target = new int[rows];
      int[] counts = new int[partitions];
      List<FieldVector> vectors = batch.getFieldVectors();
      for (int r = 0; r < rows; r++) {
        int h = 0;
        for (int k : keys) {
          FieldVector v = vectors.get(k);
          h = 31 * h + (v.isNull(r) ? 0 : v.hashCode(r));
        }
        int t = Math.floorMod(mix(h), partitions);
        target[r] = t;
        counts[t]++;
      }
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
        exchange.queueFor(producer, t).put(copyRows(batch, rowsOfT, n), slots);
      }
    }
  }

  private VectorSchemaRoot copyRows(VectorSchemaRoot from, int[] rows, int count) {
    VectorSchemaRoot to = VectorSchemaRoot.create(from.getSchema(), allocator);
    boolean ok = false;
    try {
      List<FieldVector> src = from.getFieldVectors();
      List<FieldVector> dst = to.getFieldVectors();
      for (int c = 0; c < src.size(); c++) {
        FieldVector s = src.get(c);
        FieldVector d = dst.get(c);
        d.setInitialCapacity(count);
        d.allocateNew();
        for (int i = 0; i < count; i++) {
          d.copyFromSafe(rows == null ? i : rows[i], i, s);
        }
        d.setValueCount(count);
      }
      to.setRowCount(count);
      ok = true;
      return to;
    } finally {
      if (!ok) {
        to.close();
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

  /** Ends this producer's streams: every consumer queue it may have written gets an end marker. */
  public void finish() {
    if (exchange.perProducer()) {
      exchange.queueFor(producer, 0).putEnd(slots);
    } else {
      for (int t = 0; t < exchange.output().targetPartitions(); t++) {
        exchange.queueFor(producer, t).putEnd(slots);
      }
    }
  }

  public long rowsOut() {
    return rowsOut;
  }
}
