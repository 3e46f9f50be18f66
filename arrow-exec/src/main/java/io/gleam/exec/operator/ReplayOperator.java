package io.gleam.exec.operator;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Batches already read from an input, handed out again in order, followed by the rest of that input: lets one
 * operator give up part way through its input and pass it whole to another. Owns the held batches until it hands
 * them out, and closes the input.
 */
final class ReplayOperator implements Operator {
  private final ArrayDeque<VectorSchemaRoot> held;
  private final Operator rest;

  ReplayOperator(List<VectorSchemaRoot> held, Operator rest) {
    this.held = new ArrayDeque<>(held);
    this.rest = rest;
  }

  @Override
  public Schema schema() {
    return rest.schema();
  }

  @Override
  public Optional<VectorSchemaRoot> next() {
    VectorSchemaRoot batch = held.poll();
    return batch != null ? Optional.of(batch) : rest.next();
  }

  @Override
  public OperatorMetrics metrics() {
    return rest.metrics();
  }

  @Override
  public void close() {
    VectorSchemaRoot batch;
    while ((batch = held.poll()) != null) {
      batch.close();
    }
    rest.close();
  }
}
