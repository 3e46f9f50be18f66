package io.gleam.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gleam.connectors.memory.ProcessAllocator;
import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.planner.Row;
import io.gleam.planner.Schemas;
import io.gleam.planner.rows.ArrowValues;
import io.gleam.planner.spi.OnError;
import io.gleam.planner.spi.SinkSpec;
import io.gleam.planner.spi.SourceFormat;
import io.gleam.planner.spi.SourceSpec;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JSON lines and Arrow IPC: writing through {@link Sinks}, reading through {@link Sources}, and their errors. */
class FileFormatsTest {
  private static final Schema SCHEMA = Schemas.parse("id bigint, name string, price decimal(12,2), day date");

  private final BufferAllocator allocator = ProcessAllocator.root().newChildAllocator("test", 0, Long.MAX_VALUE);

  @TempDir
  Path dir;

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  private VectorSchemaRoot batch(List<Row> rows) {
    VectorSchemaRoot root = VectorSchemaRoot.create(SCHEMA, allocator);
    root.allocateNew();
    for (int r = 0; r < rows.size(); r++) {
      ArrowValues.setRow(root, r, rows.get(r));
    }
    root.setRowCount(rows.size());
    return root;
  }

  private static List<Row> sample(int from, int count) {
    List<Row> rows = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      rows.add(Row.of((long) i, i % 7 == 0 ? null : "n\"" + i + "\\\t",
          i % 5 == 0 ? null : new BigDecimal(i).movePointLeft(2).negate(), LocalDate.ofEpochDay(9000 + i)));
    }
    return rows;
  }

  private void write(SourceFormat format, int partitions, int rowsEach) {
    SinkSpec.WriteFiles spec = new SinkSpec.WriteFiles(format, dir.toString(), true, false);
    Sinks.prepare(spec);
    for (int p = 0; p < partitions; p++) {
      try (BatchWriter writer = Sinks.open(spec, p, SCHEMA)) {
        for (int b = 0; b < 3; b++) {
          try (VectorSchemaRoot batch = batch(sample(p * 1000 + b * rowsEach, rowsEach))) {
            writer.write(batch);
          }
        }
      }
    }
  }

  private static List<Row> expected(int partitions, int rowsEach) {
    List<Row> rows = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      for (int b = 0; b < 3; b++) {
        rows.addAll(sample(p * 1000 + b * rowsEach, rowsEach));
      }
    }
    return rows;
  }

  @Test
  void jsonLinesWriteAsHandCheckedTextAndReadBack() throws IOException {
    write(SourceFormat.JSONL, 2, 5);
    List<String> lines = Files.readAllLines(dir.resolve("part-00000.jsonl"), StandardCharsets.UTF_8);
    assertEquals(15, lines.size());
    assertEquals("{\"id\":0,\"name\":null,\"price\":null,\"day\":\"1994-08-23\"}", lines.get(0));
    assertEquals("{\"id\":1,\"name\":\"n\\\"1\\\\\\u0009\",\"price\":-0.01,\"day\":\"1994-08-24\"}", lines.get(1));
    for (int shards : new int[] {1, 3}) {
      List<Row> read = SourceRows.readAll(SourceSpec.jsonl(List.of(dir.toString()), shards, SCHEMA), allocator);
      assertEquals(expected(2, 5), read);
    }
  }

  @Test
  void jsonLinesTakeColumnsByNameAndReportBadLines() throws IOException {
    Path file = dir.resolve("in.jsonl");
    Files.writeString(file, "{\"day\": \"2020-02-29\", \"id\": 7, \"other\": {\"x\": [1]}}\n"
        + "\n"
        + "{\"id\": 8, \"name\": {\"a\": 1}, \"price\": 12.5}\n"
        + "[1, 2]\n"
        + "{\"id\": \"nine\"}\n");
    SourceSpec spec = SourceSpec.jsonl(List.of(file.toString()), 1, SCHEMA);
    GleamException e = assertThrows(GleamException.class, () -> SourceRows.readAll(spec, allocator));
    assertEquals(ErrorCode.MALFORMED_INPUT, e.code());
    assertEquals("JSON lines file " + file + " line 4: expected a JSON object", e.getMessage());

    List<Row> rows = SourceRows.readAll(spec.withOnError(OnError.SKIP), allocator);
    assertEquals(List.of(Row.of(7L, null, null, LocalDate.of(2020, 2, 29)),
        Row.of(8L, "{\"a\": 1}", new BigDecimal("12.50"), null)), rows);
  }

  @Test
  void arrowFilesRoundTripSplitByBatches() {
    write(SourceFormat.ARROW, 2, 4);
    for (int shards : new int[] {1, 2, 4, 9}) {
      List<Row> read = SourceRows.readAll(SourceSpec.arrow(List.of(dir.toString()), shards, SCHEMA), allocator);
      assertEquals(expected(2, 4), read, "shards " + shards);
    }
  }

  @Test
  void arrowFileOfOtherTypesOrNotArrowFailsNamingIt() throws IOException {
    write(SourceFormat.ARROW, 1, 2);
    Schema other = Schemas.parse("id bigint, name string, price double, day date");
    GleamException types = assertThrows(GleamException.class,
        () -> SourceRows.readAll(SourceSpec.arrow(List.of(dir.toString()), 1, other), allocator));
    assertTrue(types.getMessage().contains("part-00000.arrow has columns"), types.getMessage());

    Path bogus = dir.resolve("bogus.arrow");
    Files.writeString(bogus, "id,name\n1,x\n");
    GleamException notArrow = assertThrows(GleamException.class,
        () -> SourceRows.readAll(SourceSpec.arrow(List.of(bogus.toString()), 1, SCHEMA), allocator));
    assertEquals(ErrorCode.MALFORMED_INPUT, notArrow.code());
    assertTrue(notArrow.getMessage().contains(bogus.toString()), notArrow.getMessage());
  }
}
