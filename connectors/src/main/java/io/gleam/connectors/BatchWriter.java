package io.gleam.connectors;

import org.apache.arrow.vector.VectorSchemaRoot;

/** Writes the batches of one partition to a sink's output; the caller keeps ownership of every batch it passes. */
public interface BatchWriter extends AutoCloseable {
  /** Writes every row of {@code batch}; the batch is only read, never kept or closed. */
  void write(VectorSchemaRoot batch);

  /** Flushes and closes the output. A second call does nothing. */
  @Override
  void close();
}
