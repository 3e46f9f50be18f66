package io.gleam.exec.operator;

import io.gleam.exec.rows.BatchBuilder;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Base of operators that produce rows one at a time (user code, aggregates, joins, sorts): subclasses implement
 * {@link #nextRow()}; {@link #next()} packs rows into Arrow batches for consumers that want batches.
 */
public abstract class RowOperator implements Operator, RowStream {
  protected final Schema schema;
  protected final OperatorMetrics metrics = new OperatorMetrics();
  private final BatchBuilder builder;

  protected RowOperator(Schema schema, BufferAllocator allocator, int batchRows) {
    this.schema = schema;
    this.builder = new BatchBuilder(schema, allocator, batchRows);
  }

  @Override
  public final Schema schema() {
    return schema;
  }

  @Override
  public final Optional<VectorSchemaRoot> next() {
    while (!builder.isFull()) {
      Object[] row = nextRow();
      if (row == null) {
        break;
      }
      builder.add(row);
    }
    VectorSchemaRoot batch = builder.take();
    if (batch == null) {
      return Optional.empty();
    }
    metrics.addBatch(batch.getRowCount());
    return Optional.of(batch);
  }

  @Override
  public final OperatorMetrics metrics() {
    return metrics;
  }

  @Override
  public void close() {
    builder.close();
  }
}
