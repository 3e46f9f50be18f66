package io.gleam.exec.operator;

import java.util.Optional;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The runtime state of one plan operator in one task: a pull stream of Arrow batches. Each batch returned by
 * {@link #next()} belongs to the caller. Operators that work row by row also implement {@link RowStream}, so a
 * row-wise consumer can skip building Arrow batches in between.
 */
public interface Operator extends AutoCloseable {
  Schema schema();

  /** The next batch, or empty at the end of this partition. */
  Optional<VectorSchemaRoot> next();

  /** Counters for explain and metrics: rows out, batches out, spills. */
  OperatorMetrics metrics();

  @Override
  void close();
}
