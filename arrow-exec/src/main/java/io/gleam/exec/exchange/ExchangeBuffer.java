package io.gleam.exec.exchange;

import io.gleam.planner.plan.StageOutput;
import java.util.ArrayList;
import java.util.List;

/**
 * The in-memory exchange after one stage: bounded queues from its producer tasks to the consumer partitions.
 * A sorted merge gets one queue per producer (the consumer merges them); every other exchange one queue per
 * consumer partition shared by all producers.
 */
public final class ExchangeBuffer {
  private final int stage;
  private final StageOutput output;
  private final int producers;
  private final List<BatchQueue> queues = new ArrayList<>();

  public ExchangeBuffer(int stage, StageOutput output, int producers, int capacity) {
    this.stage = stage;
    this.output = output;
    this.producers = producers;
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

  /** The queue a producer writes for consumer partition {@code target}. */
  public BatchQueue queueFor(int producer, int target) {
    return perProducer() ? queues.get(producer) : queues.get(target);
  }

  /** For a sorted merge, the queue of one producer; else the queue of consumer partition {@code partition}. */
  public BatchQueue queue(int index) {
    return queues.get(index);
  }

  public void cancel() {
    queues.forEach(BatchQueue::cancel);
  }
}
