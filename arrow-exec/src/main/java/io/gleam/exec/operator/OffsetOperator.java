package io.gleam.exec.operator;

import java.util.Optional;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Drops the first {@code offset} rows of one partition: whole batches are closed, the batch that straddles the
 * offset is sliced (sharing its buffers), later batches pass through. Memory: nothing beyond the batch in hand.
 */
public final class OffsetOperator implements Operator {
  private final Operator input;
  private final OperatorMetrics metrics = new OperatorMetrics();
  private long toSkip;

  public OffsetOperator(Operator input, long offset) {
    this.input = input;
    this.toSkip = offset;
  }

  @Override
  public Schema schema() {
    return input.schema();
  }

  @Override
  public Optional<VectorSchemaRoot> next() {
    while (true) {
      Optional<VectorSchemaRoot> in = input.next();
      if (in.isEmpty() || toSkip == 0) {
        in.ifPresent(b -> metrics.addBatch(b.getRowCount()));
        return in;
      }
      VectorSchemaRoot batch = in.get();
      int rows = batch.getRowCount();
      if (rows <= toSkip) {
        toSkip -= rows;
        batch.close();
        continue;
      }
      try (batch) {
        VectorSchemaRoot tail = batch.slice((int) toSkip, rows - (int) toSkip);
        toSkip = 0;
        metrics.addBatch(tail.getRowCount());
        return Optional.of(tail);
      }
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
