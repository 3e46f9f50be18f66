package io.gleam.connectors.memory;

import io.gleam.connectors.BatchWriter;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Appends the batches of one partition of a sink to a {@link MemoryTable}, sharing their buffers. */
public final class MemoryTableWriter implements BatchWriter {
  private final MemoryTable table;

  public MemoryTableWriter(MemoryTable table) {
    this.table = table;
  }

  @Override
  public void write(VectorSchemaRoot batch) {
    table.append(batch);
  }

  @Override
  public void close() {
  }
}
