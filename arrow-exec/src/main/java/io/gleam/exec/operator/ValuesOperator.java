package io.gleam.exec.operator;

import io.gleam.exec.rows.BatchBuilder;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Emits the rows of a Values node that fall to this partition (rows p, p+n, p+2n, ...) as Arrow batches. Going
 * through Arrow converts the plan's JSON-safe values (dates, decimals and timestamps as text, numbers of any width)
 * to the schema's types, so every reader sees the same values as after an exchange.
 */
public final class ValuesOperator implements Operator {
  private final Schema schema;
  private final List<List<Object>> rows;
  private final int step;
  private final BatchBuilder builder;
  private final OperatorMetrics metrics = new OperatorMetrics();
  private int next;

  public ValuesOperator(Schema schema, List<List<Object>> rows, int partition, int partitions,
      BufferAllocator allocator, int batchRows) {
    this.schema = schema;
    this.rows = rows;
    this.step = partitions;
    this.next = partition;
    this.builder = new BatchBuilder(schema, allocator, batchRows);
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public Optional<VectorSchemaRoot> next() {
    while (!builder.isFull() && next < rows.size()) {
      builder.add(rows.get(next).toArray());
      next += step;
    }
    VectorSchemaRoot batch = builder.take();
    if (batch == null) {
      return Optional.empty();
    }
    metrics.addBatch(batch.getRowCount());
    return Optional.of(batch);
  }

  @Override
  public OperatorMetrics metrics() {
    return metrics;
  }

  @Override
  public void close() {
    builder.close();
  }
}
