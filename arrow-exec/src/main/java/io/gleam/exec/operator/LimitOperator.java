package io.gleam.exec.operator;

import java.util.Optional;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/** Passes the first {@code limit} rows of one partition, then stops reading its input. */
public final class LimitOperator implements Operator {
  private final Operator input;
  private final OperatorMetrics metrics = new OperatorMetrics();
  private long remaining;

  public LimitOperator(Operator input, long limit) {
    this.input = input;
    this.remaining = limit;
  }

  @Override
  public Schema schema() {
    return input.schema();
  }

  @Override
  public Optional<VectorSchemaRoot> next() {
    if (remaining <= 0) {
      return Optional.empty();
    }
    Optional<VectorSchemaRoot> in = input.next();
    if (in.isEmpty()) {
      return in;
    }
    VectorSchemaRoot batch = in.get();
    if (batch.getRowCount() <= remaining) {
      remaining -= batch.getRowCount();
      metrics.addBatch(batch.getRowCount());
      return in;
    }
    try (batch) {
      VectorSchemaRoot head = batch.slice(0, (int) remaining);
      remaining = 0;
      metrics.addBatch(head.getRowCount());
      return Optional.of(head);
    }
  }

  @Override
  public OperatorMetrics metrics() {
    return metrics;
  }

  @Override
  public void close() {
    input.close();
  }
}
