package io.gleam.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.planner.Row;
import io.gleam.planner.Schemas;
import io.gleam.planner.rows.ArrowValues;
import io.gleam.planner.spi.SinkSpec;
import io.gleam.planner.spi.SourceFormat;
import io.gleam.planner.spi.SourceSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SinksTest {
  private static final Schema ALL_TYPES = Schemas.parse(
      "s string, b bigint, i int, d double, f boolean, day date, price decimal(10,2), at timestamp");

  private final BufferAllocator allocator = new RootAllocator();

  @TempDir
  Path dir;

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  private VectorSchemaRoot batch(Schema schema, List<Row> rows) {
    VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
    root.allocateNew();
    for (int r = 0; r < rows.size(); r++) {
      ArrowValues.setRow(root, r, rows.get(r));
    }
    root.setRowCount(rows.size());
    return root;
  }

  private void writeAll(SinkSpec spec, int partition, Schema schema, List<Row> rows) {
    try (BatchWriter writer = Sinks.open(spec, partition, schema);
         VectorSchemaRoot root = batch(schema, rows)) {
      writer.write(root);
      assertEquals(rows, ArrowValues.rows(root), "the batch is still the caller's, unchanged");
    }
  }

  private static List<Row> sampleRows() {
    return List.of(
        Row.of("plain", 1L, 2, 1.5, true, LocalDate.of(2024, 2, 29), new BigDecimal("12.30"),
            LocalDateTime.of(2024, 1, 2, 3, 4, 5)),
        Row.of("a,b \"q\"", -9L, -1, -0.25, false, LocalDate.of(1969, 12, 31), new BigDecimal("-0.05"),
            LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000)),
        Row.of("", null, null, null, null, null, null, null),
        Row.of(null, Long.MIN_VALUE, Integer.MAX_VALUE, 1e300, true, LocalDate.of(1, 1, 1),
            new BigDecimal("99999999.99"), LocalDateTime.of(2000, 1, 1, 0, 0, 0, 123_000)),
        Row.of("line\nbreak\ttab\r", 0L, 0, 0.0, false, LocalDate.of(2000, 1, 1), new BigDecimal("0.00"),
            LocalDateTime.of(2000, 1, 1, 0, 0)));
  }

  /** An independent RFC 4180 reader: each record's fields, with quotedness lost. */
  private static List<List<String>> parseCsv(String text) {
    List<List<String>> records = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean inQuotes = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inQuotes) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          inQuotes = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        inQuotes = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else if (c == '\n') {
        fields.add(field.toString());
        field.setLength(0);
        records.add(fields);
        fields = new ArrayList<>();
      } else {
        field.append(c);
      }
    }
    assertEquals(0, field.length(), "the text ends with a newline");
    return records;
  }

  @Test
  void csvFileHasHeaderMinimalQuotingAndEmptyNulls() throws IOException {
    Path out = dir.resolve("sub/out.csv");
    writeAll(new SinkSpec.WriteFiles(SourceFormat.CSV, out.toString(), false, true), 0, ALL_TYPES, sampleRows());
    String text = Files.readString(out);
    assertEquals(String.join("\n",
        "s,b,i,d,f,day,price,at",
        "plain,1,2,1.5,true,2024-02-29,12.30,2024-01-02 03:04:05",
        "\"a,b \"\"q\"\"\",-9,-1,-0.25,false,1969-12-31,-0.05,1969-12-31 23:59:59.999999",
        "\"\",,,,,,,",
        ",-9223372036854775808,2147483647,1.0E300,true,0001-01-01,99999999.99,2000-01-01 00:00:00.000123",
        "\"line\nbreak\ttab\r\",0,0,0.0,false,2000-01-01,0.00,2000-01-01 00:00:00", ""), text);
    List<List<String>> records = parseCsv(text);
    assertEquals(6, records.size());
    assertEquals(List.of("a,b \"q\"", "-9", "-1", "-0.25", "false", "1969-12-31", "-0.05",
        "1969-12-31 23:59:59.999999"), records.get(2));
    assertEquals("line\nbreak\ttab\r", records.get(5).get(0));
  }

  @Test
  void csvRoundTripsThroughTheReader() {
    Path out = dir.resolve("rt.csv");
    writeAll(new SinkSpec.WriteFiles(SourceFormat.CSV, out.toString(), false, true), 0, ALL_TYPES, sampleRows());
    List<Row> back = SourceRows.readAll(SourceSpec.csv(List.of(out.toString()), 1, ALL_TYPES, true), allocator);
    List<Row> expected = new ArrayList<>(sampleRows());
    Object[] nullString = expected.get(3).values();
    nullString[0] = "";
    expected.set(3, Row.of(nullString));
    assertEquals(expected, back, "equal except that a NULL string reads back as the empty string");
  }

  @Test
  void randomRowsRoundTrip() {
    Random random = new Random(1);
    Schema schema = Schemas.parse("s string, n bigint, x double, p decimal(12,3)");
    List<Row> rows = new ArrayList<>();
    String chars = "ab,\"\n\r\t é€";
    for (int i = 0; i < 2000; i++) {
      StringBuilder s = new StringBuilder();
      for (int j = random.nextInt(8); j > 0; j--) {
        s.append(chars.charAt(random.nextInt(chars.length())));
      }
      rows.add(Row.of(s.toString(), random.nextBoolean() ? null : random.nextLong(),
          random.nextBoolean() ? null : random.nextGaussian() * 1e6,
          random.nextBoolean() ? null : BigDecimal.valueOf(random.nextInt(), 3)));
    }
    Path out = dir.resolve("random.csv");
    writeAll(new SinkSpec.WriteFiles(SourceFormat.CSV, out.toString(), false, false), 0, schema, rows);
    assertEquals(rows, SourceRows.readAll(SourceSpec.csv(List.of(out.toString()), 1, schema, false), allocator));
  }

  @Test
  void tsvDirectoryWritesOnePartFilePerPartition() throws IOException {
    Path out = dir.resolve("tsv-out");
    SinkSpec.WriteFiles spec = new SinkSpec.WriteFiles(SourceFormat.TSV, out.toString(), true, false);
    Schema schema = Schemas.parse("name string, n bigint");
    Sinks.prepare(spec);
    writeAll(spec, 0, schema, List.of(Row.of("a\tb", 1L), Row.of(null, null)));
    writeAll(spec, 2, schema, List.of(Row.of("x\ny", 3L)));
    assertEquals("a\\tb\t1\n\\N\t\\N\n", Files.readString(out.resolve("part-00000.tsv")));
    assertEquals("x\\ny\t3\n", Files.readString(out.resolve("part-00002.tsv")));
    SourceSpec read = SourceSpec.tsv(List.of(out.toString()), 2, schema, false).withNullString("\\N");
    assertEquals(List.of(Row.of("a\\tb", 1L), Row.of(null, null), Row.of("x\\ny", 3L)),
        SourceRows.readAll(read, allocator));
  }

  @Test
  void prepareRemovesStalePartFilesOnly() throws IOException {
    Path out = dir.resolve("again");
    Files.createDirectories(out);
    Files.writeString(out.resolve("part-00007.csv"), "old\n");
    Files.writeString(out.resolve("notes.txt"), "keep\n");
    SinkSpec.WriteFiles spec = new SinkSpec.WriteFiles(SourceFormat.CSV, out.toString(), true, false);
    Sinks.prepare(spec);
    assertFalse(Files.exists(out.resolve("part-00007.csv")));
    assertTrue(Files.exists(out.resolve("notes.txt")));
  }

  @Test
  void textOutputIsOneRawValuePerLine() throws IOException {
    Path out = dir.resolve("lines.txt");
    writeAll(new SinkSpec.WriteFiles(SourceFormat.TEXT, out.toString(), false, false), 0,
        Schemas.parse("line string"), List.of(Row.of("a,\"b\""), Row.of((Object) null), Row.of("c")));
    assertEquals("a,\"b\"\n\nc\n", Files.readString(out));
    GleamException e = assertThrows(GleamException.class, () -> Sinks.open(
        new SinkSpec.WriteFiles(SourceFormat.TEXT, out.toString(), false, false), 0, Schemas.parse("a int, b int")));
    assertEquals(ErrorCode.INVALID_FLOW, e.code());
  }

  @Test
  void printfToFile() throws IOException {
    Path out = dir.resolve("p/printed.txt");
    Schema schema = Schemas.parse("word string, n bigint, x double");
    writeAll(new SinkSpec.Printf("%s\t%d %.2f\n", Optional.of(out.toString())), 0, schema,
        List.of(Row.of("héllo", 3L, 1.005), Row.of(null, null, null), Row.of("big", 1234567L, 1e6)));
    assertEquals("héllo\t3 1.01\nnull\tnull nu\nbig\t1234567 1000000.00\n",
        Files.readString(out, StandardCharsets.UTF_8));
  }

  @Test
  void printfFormatErrorsAreInvalidFlow() {
    Schema schema = Schemas.parse("word string, n bigint");
    GleamException bad = assertThrows(GleamException.class,
        () -> Sinks.open(new SinkSpec.Printf("%q\n", Optional.empty()), 0, schema));
    assertEquals(ErrorCode.INVALID_FLOW, bad.code());
    assertTrue(bad.getMessage().contains("'%q\\n'"), bad.getMessage());
    GleamException tooMany = assertThrows(GleamException.class,
        () -> Sinks.open(new SinkSpec.Printf("%s %s %s", Optional.empty()), 0, schema));
    assertEquals(ErrorCode.INVALID_FLOW, tooMany.code());
    Path out = dir.resolve("mismatch.txt");
    try (BatchWriter writer = Sinks.open(new SinkSpec.Printf("%d\t%s\n", Optional.of(out.toString())), 0, schema);
         VectorSchemaRoot root = batch(schema, List.of(Row.of("abc", 1L)))) {
      GleamException e = assertThrows(GleamException.class, () -> writer.write(root));
      assertEquals(ErrorCode.INVALID_FLOW, e.code());
      assertTrue(e.getMessage().startsWith("printf format '%d\\t%s\\n' cannot format row [abc, 1]"),
          e.getMessage());
      assertTrue(e.getMessage().contains("d != java.lang.String"), e.getMessage());
    }
  }

  @Test
  void concurrentPartitionsToStdoutNeverInterleaveWithinALine() throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    Schema schema = Schemas.parse("p int, i int, pad string");
    int partitions = 4;
    int rowsPerPartition = 20_000;
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      List<Thread> threads = new ArrayList<>();
      List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
      for (int p = 0; p < partitions; p++) {
        int partition = p;
        threads.add(new Thread(() -> {
          try (BatchWriter writer = Sinks.open(new SinkSpec.Printf("%d:%d:%s\n", Optional.empty()), partition,
              schema)) {
            for (int start = 0; start < rowsPerPartition; start += 1000) {
              List<Row> rows = new ArrayList<>();
              for (int i = start; i < start + 1000; i++) {
                rows.add(Row.of(partition, i, "x".repeat(i % 50)));
              }
              try (VectorSchemaRoot root = batch(schema, rows)) {
                writer.write(root);
              }
            }
          } catch (Throwable t) {
            failures.add(t);
          }
        }));
      }
      threads.forEach(Thread::start);
      for (Thread t : threads) {
        t.join();
      }
      assertEquals(List.of(), failures);
    } finally {
      System.setOut(original);
    }
    String[] lines = captured.toString(StandardCharsets.UTF_8).split("\n", -1);
    assertEquals(partitions * rowsPerPartition + 1, lines.length);
    assertEquals("", lines[lines.length - 1]);
    Pattern shape = Pattern.compile("(\\d):(\\d+):(x*)");
    int[] next = new int[partitions];
    for (int k = 0; k < lines.length - 1; k++) {
      var m = shape.matcher(lines[k]);
      assertTrue(m.matches(), "broken line: " + lines[k]);
      int p = Integer.parseInt(m.group(1));
      int i = Integer.parseInt(m.group(2));
      assertEquals(next[p]++, i, "rows of one partition stay in order");
      assertEquals(i % 50, m.group(3).length());
    }
  }

  @Test
  void ioFailuresAreOutputFailedNamingThePath() throws IOException {
    Path blocker = dir.resolve("blocker");
    Files.writeString(blocker, "a file where a directory should be");
    String path = blocker.resolve("out.csv").toString();
    GleamException e = assertThrows(GleamException.class, () -> Sinks.open(
        new SinkSpec.WriteFiles(SourceFormat.CSV, path, false, false), 0, Schemas.parse("a int")));
    assertEquals(ErrorCode.OUTPUT_FAILED, e.code());
    assertTrue(e.getMessage().contains(path), e.getMessage());
    GleamException p = assertThrows(GleamException.class, () -> Sinks.open(
        new SinkSpec.Printf("%s\n", Optional.of(dir.toString())), 0, Schemas.parse("a int")));
    assertEquals(ErrorCode.OUTPUT_FAILED, p.code());
    assertTrue(p.getMessage().contains(dir.toString()), p.getMessage());
  }

  @Test
  void runnerSinksAreNotOpenedHere() {
    GleamException e = assertThrows(GleamException.class,
        () -> Sinks.open(new SinkSpec.Collect("result"), 0, Schemas.parse("a int")));
    assertEquals(ErrorCode.INTERNAL, e.code());
  }
}
