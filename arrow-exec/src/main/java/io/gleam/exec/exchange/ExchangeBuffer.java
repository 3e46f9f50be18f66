package io.gleam.exec.exchange;

import io.gleam.exec.ComputeSlots;
import io.gleam.exec.memory.MemoryPool;
import io.gleam.planner.plan.StageOutput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The in-memory exchange after one stage: bounded queues from its producer tasks to the consumer partitions.
 * A sorted merge gets one queue per producer (the consumer merges them); a shared output one {@link SharedBatchLog}
 * per producer, which each of its readers reads in full; every other exchange one queue per consumer partition
 * shared by all producers. A range exchange also holds the {@link RangeBoundaries} its producers agree on.
 */
public final class ExchangeBuffer {
  private final int stage;
  private final StageOutput output;
  private final int producers;
  private final List<BatchQueue> queues = new ArrayList<>();
  private final List<SharedBatchLog> logs = new ArrayList<>();
  private final RangeBoundaries boundaries;
  private final MemoryPool memoryPool;
  private final Path spillDirectory;
  private final BufferAllocator allocator;
  private final AtomicLong pendingSpilled = new AtomicLong();

  /** An exchange that never spills: for outputs other than shared and range ones. */
  public ExchangeBuffer(int stage, StageOutput output, int producers, int capacity) {
    this(stage, output, producers, capacity, null, null, null);
  }

  /**
   * An exchange whose shared logs and range buffers reserve from {@code memoryPool}, spill under
   * {@code spillDirectory}, and allocate the batches they read back from {@code allocator}.
   */
  public ExchangeBuffer(int stage, StageOutput output, int producers, int capacity, MemoryPool memoryPool,
      Path spillDirectory, BufferAllocator allocator) {
    this.stage = stage;
    this.output = output;
    this.producers = producers;
    this.memoryPool = memoryPool;
    this.spillDirectory = spillDirectory;
    this.allocator = allocator;
    if (output instanceof StageOutput.Shared s) {
      for (int p = 0; p < producers; p++) {
        logs.add(SharedBatchLog.builder("stage " + stage + " partition " + p)
            .readers(s.readers())
            .unreservedBatches(capacity)
            .blockAtLag(capacity)
            .reservation(memoryPool.reservation("Exchange[stage " + stage + ", partition " + p + "]"))
            .spillDirectory(spillDirectory)
            .allocator(allocator)
            .build());
      }
      this.boundaries = null;
      return;
    }
    this.boundaries = output instanceof StageOutput.Range r ? new RangeBoundaries(r, producers) : null;
    int n = perProducer() ? producers : output.targetPartitions();
    for (int i = 0; i < n; i++) {
      queues.add(new BatchQueue("stage " + stage + (perProducer() ? " producer " : " partition ") + i, capacity));
    }
  }

  public boolean perProducer() {
    return output instanceof StageOutput.Merge m && !m.order().isEmpty();
  }

  public int stage() {
    return stage;
  }

  public StageOutput output() {
    return output;
  }

  public int producers() {
    return producers;
  }

  /** How many stream ends a reader of one partition waits for: one per producer writing to it. */
  public int producersPerSource() {
    return perProducer() || output instanceof StageOutput.Shared ? 1 : producers;
  }

  /** Hands a producer's batch (ownership included) to consumer partition {@code target}. */
  public void put(int producer, int target, VectorSchemaRoot batch, ComputeSlots slots) {
    if (output instanceof StageOutput.Shared) {
      logs.get(producer).put(batch, slots);
    } else {
      queueFor(producer, target).put(batch, slots);
    }
  }

  /** Ends a producer's stream to consumer partition {@code target}. */
  public void putEnd(int producer, int target, ComputeSlots slots) {
    if (output instanceof StageOutput.Shared) {
      logs.get(producer).putEnd();
    } else {
      queueFor(producer, target).putEnd(slots);
    }
  }

  /** The queue a producer writes for consumer partition {@code target}. */
  public BatchQueue queueFor(int producer, int target) {
    return perProducer() ? queues.get(producer) : queues.get(target);
  }

  /** For a sorted merge, the queue of one producer; else the queue of consumer partition {@code partition}. */
  public BatchQueue queue(int index) {
    return queues.get(index);
  }

  /** What reader {@code reader} of consumer partition {@code partition} reads (reader 0 unless shared). */
  public BatchSource source(int partition, int reader) {
    if (output instanceof StageOutput.Shared) {
      return logs.get(partition).reader(reader);
    }
    return queues.get(partition);
  }

  /** The boundaries of a range exchange. */
  public RangeBoundaries boundaries() {
    if (boundaries == null) {
      throw new IllegalStateException("stage " + stage + " output " + output.describe() + " has no boundaries");
    }
    return boundaries;
  }

  /** A log for a range producer's rows while the boundaries are not known yet; never waits, spills instead. */
  SharedBatchLog pendingLog(int producer, int unreservedBatches) {
    return SharedBatchLog.builder("stage " + stage + " producer " + producer + " (range pending)")
        .unreservedBatches(unreservedBatches)
        .reservation(memoryPool.reservation("RangeExchange[stage " + stage + ", producer " + producer + "]"))
        .spillDirectory(spillDirectory)
        .allocator(allocator)
        .build();
  }

  /** Batches the shared logs and the range producers' pending logs spilled. */
  public long spilledBatches() {
    return pendingSpilled.get() + logs.stream().mapToLong(SharedBatchLog::spilledBatches).sum();
  }

  /** Counts what a range producer's pending log spilled, when the producer is done with it. */
  void countPendingSpills(long batches) {
    pendingSpilled.addAndGet(batches);
  }

  public void cancel() {
    queues.forEach(BatchQueue::cancel);
    logs.forEach(SharedBatchLog::close);
    if (boundaries != null) {
      boundaries.cancel();
    }
  }
}
