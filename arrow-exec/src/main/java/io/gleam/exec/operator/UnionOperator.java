package io.gleam.exec.operator;

import java.util.List;
import java.util.Optional;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/** Concatenates its inputs' batches, one input after another. */
public final class UnionOperator implements Operator {
  private final Schema schema;
  private final List<Operator> inputs;
  private final OperatorMetrics metrics = new OperatorMetrics();
  private int current;

  public UnionOperator(Schema schema, List<Operator> inputs) {
    this.schema = schema;
    this.inputs = List.copyOf(inputs);
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public Optional<VectorSchemaRoot> next() {
    while (current < inputs.size()) {
      Optional<VectorSchemaRoot> b = inputs.get(current).next();
      if (b.isPresent()) {
        VectorSchemaRoot batch = b.get();
        metrics.addBatch(batch.getRowCount());
        if (!batch.getSchema().equals(schema)) {
          try (batch) {
            VectorSchemaRoot renamed = batch.slice(0, batch.getRowCount());
            return Optional.of(new VectorSchemaRoot(schema.getFields(), renamed.getFieldVectors(), batch.getRowCount()));
          }
        }
        return b;
      }
      current++;
    }
    return Optional.empty();
  }

  @Override
  public OperatorMetrics metrics() {
    return metrics;
  }

  @Override
  public void close() {
    inputs.forEach(Operator::close);
  }
}
