package io.gleam.exec.operator;

import io.gleam.exec.ComputeSlots;
import io.gleam.exec.exchange.BatchSource;
import io.gleam.exec.exchange.ExchangeBuffer;
import java.util.Optional;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Reads one partition of an unordered exchange: batches from every producer as they arrive, until each producer
 * has ended its stream. Holds nothing beyond the batch in flight.
 */
public final class ExchangeReadOperator implements Operator {
  private final Schema schema;
  private final BatchSource queue;
  private final ComputeSlots slots;
  private int producersLeft;
  private final OperatorMetrics metrics = new OperatorMetrics();

  public ExchangeReadOperator(Schema schema, ExchangeBuffer exchange, int partition, ComputeSlots slots) {
    this(schema, exchange, partition, 0, slots);
  }

  /** Reads as reader {@code reader} of a shared output (0 for any other exchange). */
  public ExchangeReadOperator(Schema schema, ExchangeBuffer exchange, int partition, int reader,
      ComputeSlots slots) {
    this.schema = schema;
    this.queue = exchange.source(partition, reader);
    this.producersLeft = exchange.producersPerSource();
    this.slots = slots;
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public Optional<VectorSchemaRoot> next() {
    while (producersLeft > 0) {
      VectorSchemaRoot batch = queue.take(slots);
      if (batch == null) {
        producersLeft--;
      } else {
        metrics.addBatch(batch.getRowCount());
        return Optional.of(batch);
      }
    }
    return Optional.empty();
  }

  @Override
  public OperatorMetrics metrics() {
    return metrics;
  }

  /** Tells the producers that this reader is done, so that a reader that stops early does not block them. */
  @Override
  public void close() {
    queue.abandon();
  }
}
