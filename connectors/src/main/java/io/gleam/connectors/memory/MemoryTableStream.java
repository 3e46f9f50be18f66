package io.gleam.connectors.memory;

import io.gleam.connectors.SourceMetrics;
import io.gleam.connectors.SourceStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * One shard of a {@link MemoryTable}: the batches whose first row falls in the shard's share of the rows, so the
 * shards get about equal rows, in the table's order. Opening takes a snapshot of the shard's batches (shared, not
 * copied, into the reader's allocator); each batch is handed out as it is. Memory: none beyond the table's.
 */
public final class MemoryTableStream implements SourceStream {
  private final Schema schema;
  private final Deque<VectorSchemaRoot> pending;
  private final SourceMetrics metrics = new SourceMetrics();

  private MemoryTableStream(Schema schema, List<VectorSchemaRoot> batches) {
    this.schema = schema;
    this.pending = new ArrayDeque<>(batches);
  }

  /** Opens shard {@code shard} of {@code shards} of {@code table}, as batches of {@code schema}. */
  public static MemoryTableStream open(MemoryTable table, Schema schema, int shard, int shards,
      BufferAllocator allocator) {
    List<VectorSchemaRoot> mine = table.snapshot(allocator, shard, shards, columnsOf(table.schema(), schema), schema);
    return new MemoryTableStream(schema, mine);
  }

  /**
   * Where {@code wanted}'s columns are in the table, by name, or null when it is the table's own column list (a scan
   * of every column; a schema that only renames them, as a view's may, also reads them all in order).
   */
  private static int[] columnsOf(Schema table, Schema wanted) {
    List<org.apache.arrow.vector.types.pojo.Field> fields = table.getFields();
    if (wanted.getFields().size() == fields.size()) {
      return null;
    }
    int[] columns = new int[wanted.getFields().size()];
    for (int i = 0; i < columns.length; i++) {
      String name = wanted.getFields().get(i).getName();
      columns[i] = -1;
      for (int c = 0; c < fields.size(); c++) {
        if (fields.get(c).getName().equals(name)) {
          columns[i] = c;
          break;
        }
      }
      if (columns[i] < 0) {
        throw new IllegalArgumentException("the memory table has no column " + name + ": " + table);
      }
    }
    return columns;
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public Optional<VectorSchemaRoot> next() {
    VectorSchemaRoot batch = pending.poll();
    if (batch == null) {
      return Optional.empty();
    }
    metrics.addBatch(batch.getRowCount());
    return Optional.of(batch);
  }

  @Override
  public SourceMetrics metrics() {
    return metrics;
  }

  @Override
  public void close() {
    VectorSchemaRoot batch;
    while ((batch = pending.poll()) != null) {
      batch.close();
    }
  }
}
