package io.gleam.connectors;

import io.gleam.planner.Row;
import io.gleam.planner.rows.ArrowValues;
import io.gleam.planner.spi.SourceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Reads whole shards of a source into rows, closing every batch, for assertions. */
final class SourceRows {
  private SourceRows() {}

  /** The rows of every shard, shard 0 first. */
  static List<Row> readAll(SourceSpec spec, BufferAllocator allocator) {
    return readAll(spec, allocator, Sources.DEFAULT_BATCH_ROWS, SplitInput.BLOCK_BYTES);
  }

  static List<Row> readAll(SourceSpec spec, BufferAllocator allocator, int batchRows, int bufferBytes) {
    List<Row> rows = new ArrayList<>();
    for (int shard = 0; shard < spec.shards(); shard++) {
      try (SourceStream stream = Sources.open(spec, shard, allocator, batchRows, bufferBytes)) {
        rows.addAll(drain(stream, batchRows));
      }
    }
    return rows;
  }

  /** Every row of a stream; also checks that no batch is empty or over the row limit. */
  static List<Row> drain(SourceStream stream, int batchRows) {
    List<Row> rows = new ArrayList<>();
    while (true) {
      Optional<VectorSchemaRoot> next = stream.next();
      if (next.isEmpty()) {
        return rows;
      }
      try (VectorSchemaRoot batch = next.get()) {
        if (batch.getRowCount() < 1 || batch.getRowCount() > batchRows) {
          throw new AssertionError("batch of " + batch.getRowCount() + " rows, limit " + batchRows);
        }
        rows.addAll(ArrowValues.rows(batch));
      }
    }
  }

  /** The first column of every row, as strings. */
  static List<String> firstColumn(List<Row> rows) {
    List<String> values = new ArrayList<>();
    for (Row r : rows) {
      values.add(r.getString(0));
    }
    return values;
  }
}
