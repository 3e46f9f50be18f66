package io.gleam.exec.operator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.TransferPair;

/** Selects columns of each batch by sharing their buffers (no copy); the batch's other columns are freed. */
public final class ProjectOperator implements Operator {
  private final Schema schema;
  private final Operator input;
  private final int[] columns;
  private final OperatorMetrics metrics = new OperatorMetrics();

  public ProjectOperator(Schema schema, Operator input, int[] columns) {
    this.schema = schema;
    this.input = input;
    this.columns = columns.clone();
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public Optional<VectorSchemaRoot> next() {
    Optional<VectorSchemaRoot> in = input.next();
    if (in.isEmpty()) {
      return in;
    }
    try (VectorSchemaRoot batch = in.get()) {
      List<FieldVector> out = new ArrayList<>(columns.length);
      for (int i = 0; i < columns.length; i++) {
        FieldVector src = batch.getVector(columns[i]);
        TransferPair tp = src.getTransferPair(schema.getFields().get(i), src.getAllocator());
        tp.splitAndTransfer(0, batch.getRowCount());
        out.add((FieldVector) tp.getTo());
      }
      VectorSchemaRoot result = new VectorSchemaRoot(schema.getFields(), out, batch.getRowCount());
      metrics.addBatch(batch.getRowCount());
      return Optional.of(result);
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
