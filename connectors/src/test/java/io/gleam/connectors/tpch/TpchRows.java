package io.gleam.connectors.tpch;

import io.gleam.planner.Row;
import io.gleam.planner.rows.ArrowValues;
import io.gleam.planner.spi.BatchStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Reads TPC-H shards into rows, closing every batch, for assertions. */
final class TpchRows {
  private TpchRows() {}

  /** The rows of every shard of {@code shardCount}, shard 0 first. */
  static List<Row> readAll(String table, double scaleFactor, int shardCount, BufferAllocator allocator,
      int batchRows) {
    List<Row> rows = new ArrayList<>();
    for (int shard = 0; shard < shardCount; shard++) {
      rows.addAll(readShard(table, scaleFactor, shard, shardCount, allocator, batchRows));
    }
    return rows;
  }

  static List<Row> readShard(String table, double scaleFactor, int shard, int shardCount,
      BufferAllocator allocator, int batchRows) {
    try (BatchStream stream = TpchSource.open(table, scaleFactor, shard, shardCount, allocator, batchRows)) {
      return drain(stream, batchRows);
    }
  }

  /** Every row of a stream; also checks each batch's schema and that no batch is empty or over the row limit. */
  static List<Row> drain(BatchStream stream, int batchRows) {
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
        if (!batch.getSchema().equals(stream.schema())) {
          throw new AssertionError("batch schema " + batch.getSchema() + " differs from " + stream.schema());
        }
        rows.addAll(ArrowValues.rows(batch));
      }
    }
  }
}
