package io.gleam.connectors.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gleam.connectors.BatchWriter;
import io.gleam.connectors.Sinks;
import io.gleam.connectors.SourceStream;
import io.gleam.connectors.Sources;
import io.gleam.planner.GleamException;
import io.gleam.planner.Row;
import io.gleam.planner.Schemas;
import io.gleam.planner.rows.ArrowValues;
import io.gleam.planner.spi.SinkSpec;
import io.gleam.planner.spi.SourceFormat;
import io.gleam.planner.spi.SourceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Memory tables: filled through the sink, read through the source, shared without copies, freed on close. */
class MemoryTableTest {
  private static final Schema SCHEMA = Schemas.parse("k bigint, v string");

  private final BufferAllocator runs = ProcessAllocator.root().newChildAllocator("runs", 0, Long.MAX_VALUE);
  private final BufferAllocator tables = ProcessAllocator.root().newChildAllocator("tables", 0, Long.MAX_VALUE);

  @AfterEach
  void closeAllocators() {
    runs.close();
    tables.close();
  }

  private VectorSchemaRoot batch(BufferAllocator allocator, int from, int count) {
    VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator);
    root.allocateNew();
    for (int r = 0; r < count; r++) {
      ArrowValues.setRow(root, r, Row.of((long) (from + r), "v" + (from + r)));
    }
    root.setRowCount(count);
    return root;
  }

  private List<Row> readShard(String id, int shard, int shards) {
    List<Row> rows = new ArrayList<>();
    try (SourceStream stream = Sources.open(SourceSpec.memory(id, shards, SCHEMA), shard, runs)) {
      Optional<VectorSchemaRoot> b;
      while ((b = stream.next()).isPresent()) {
        try (VectorSchemaRoot batch = b.get()) {
          rows.addAll(ArrowValues.rows(batch));
        }
      }
    }
    return rows;
  }

  @Test
  void sinkFillsAndSourceSplitsWithoutCopying() {
    MemoryTable table = new MemoryTable("t1", SCHEMA, tables);
    MemoryTables.register(table);
    try {
      SinkSpec sink = new SinkSpec.WriteFiles(SourceFormat.MEMORY, "t1", false, false);
      Sinks.prepare(sink);
      for (int p = 0; p < 3; p++) {
        try (BatchWriter writer = Sinks.open(sink, p, SCHEMA)) {
          for (int b = 0; b < 2; b++) {
            try (VectorSchemaRoot batch = batch(runs, p * 100 + b * 10, 10)) {
              batch.getFieldVectors().forEach(v -> v.setValueCount(10));
              writer.write(batch);
            }
          }
        }
      }
      assertEquals(60, table.rowCount());
      assertEquals(0, runs.getAllocatedMemory(), "the table holds its own compact copy");
      long held = table.allocatedBytes();

      List<Row> all = new ArrayList<>();
      for (int shard = 0; shard < 4; shard++) {
        List<Row> part = readShard("t1", shard, 4);
        // batches of 10 rows go to the shard where their first row falls: rows 0, 10 | 20 | 30, 40 | 50
        assertEquals(List.of(20, 10, 20, 10).get(shard), part.size(), "shard " + shard);
        all.addAll(part);
      }
      assertEquals(60, all.size());
      assertEquals(60, all.stream().map(r -> r.get(0)).distinct().count());
      assertEquals(held, table.allocatedBytes(), "reading does not copy");
      assertEquals(0, runs.getAllocatedMemory());
    } finally {
      MemoryTables.unregister("t1");
      table.close();
    }
    assertThrows(GleamException.class, () -> MemoryTables.get("t1"));
  }

  @Test
  void snapshotOutlivesTheTable() {
    MemoryTable table = new MemoryTable("t2", SCHEMA, tables);
    try (VectorSchemaRoot b = batch(runs, 0, 5)) {
      table.append(b);
    }
    List<VectorSchemaRoot> snapshot = table.snapshot(runs);
    table.close();
    assertEquals(0, tables.getAllocatedMemory());
    assertEquals(List.of(Row.of(0L, "v0"), Row.of(1L, "v1"), Row.of(2L, "v2"), Row.of(3L, "v3"),
        Row.of(4L, "v4")), ArrowValues.rows(snapshot.get(0)));
    snapshot.forEach(VectorSchemaRoot::close);
    assertEquals(0, runs.getAllocatedMemory());
  }

  @Test
  void batchesFromAnotherRootAreCopied() {
    MemoryTable table = new MemoryTable("t3", SCHEMA, tables);
    try (BufferAllocator foreign = new RootAllocator()) {
      try (VectorSchemaRoot b = batch(foreign, 7, 3)) {
        table.append(b);
      }
      assertEquals(0, foreign.getAllocatedMemory());
    }
    List<VectorSchemaRoot> snapshot = table.snapshot(runs);
    assertEquals(List.of(Row.of(7L, "v7"), Row.of(8L, "v8"), Row.of(9L, "v9")), ArrowValues.rows(snapshot.get(0)));
    snapshot.forEach(VectorSchemaRoot::close);
    table.close();
  }
}
