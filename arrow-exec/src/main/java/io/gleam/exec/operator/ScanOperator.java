package io.gleam.exec.operator;

import io.gleam.connectors.SourceStream;
import java.util.Optional;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/** Reads one shard of a file source through its connector. */
public final class ScanOperator implements Operator {
  private final SourceStream stream;
  private final OperatorMetrics metrics = new OperatorMetrics();

  public ScanOperator(SourceStream stream) {
    this.stream = stream;
  }

  @Override
  public Schema schema() {
    return stream.schema();
  }

  @Override
  public Optional<VectorSchemaRoot> next() {
    Optional<VectorSchemaRoot> b = stream.next();
    b.ifPresent(batch -> metrics.addBatch(batch.getRowCount()));
    return b;
  }

  public long skippedRows() {
    return stream.metrics().skippedRows();
  }

  @Override
  public OperatorMetrics metrics() {
    return metrics;
  }

  @Override
  public void close() {
    stream.close();
  }
}
