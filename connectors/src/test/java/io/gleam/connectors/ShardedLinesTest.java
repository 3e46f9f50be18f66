package io.gleam.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gleam.planner.Row;
import io.gleam.planner.Schemas;
import io.gleam.planner.spi.SourceSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Splitting must neither lose nor repeat a line: for random files and every shard count from 1 to 7, the lines of
 * all shards, in shard order, are exactly the file's lines in order.
 */
class ShardedLinesTest {
  private final BufferAllocator allocator = new RootAllocator();

  @TempDir
  Path dir;

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  /** The lines a correct reader returns: split on LF, a CR before it dropped, no line after a final LF. */
  private static List<String> expectedLines(String content) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    while (start < content.length()) {
      int nl = content.indexOf('\n', start);
      int end = nl < 0 ? content.length() : nl;
      String line = content.substring(start, end);
      lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
      start = end + 1;
    }
    return lines;
  }

  private static String randomContent(Random random, int lines, int maxLineLength) {
    StringBuilder sb = new StringBuilder();
    String alphabet = "abcdefghij xyz,;\"é€😀";
    for (int i = 0; i < lines; i++) {
      int kind = random.nextInt(10);
      int length = kind == 0 ? 0 : kind == 1 ? maxLineLength * (1 + random.nextInt(3)) : random.nextInt(
          maxLineLength + 1);
      for (int j = 0; j < length; j++) {
        sb.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0, random.nextInt(
            alphabet.codePointCount(0, alphabet.length())))));
      }
      if (random.nextInt(6) == 0) {
        sb.append('\r');
      }
      if (i < lines - 1 || random.nextBoolean()) {
        sb.append('\n');
      }
    }
    return sb.toString();
  }

  private List<String> readLines(List<String> paths, int shards, int batchRows, int bufferBytes) {
    List<Row> rows = SourceRows.readAll(SourceSpec.text(paths, shards), allocator, batchRows, bufferBytes);
    return SourceRows.firstColumn(rows);
  }

  @Test
  void everyShardCountReadsEveryLineOnceInOrder() throws IOException {
    Random random = new Random(42);
    for (int trial = 0; trial < 60; trial++) {
      String content = randomContent(random, 1 + random.nextInt(40), 1 + random.nextInt(30));
      Path file = dir.resolve("t" + trial + ".txt");
      Files.writeString(file, content, StandardCharsets.UTF_8);
      List<String> expected = expectedLines(content);
      for (int shards = 1; shards <= 7; shards++) {
        int bufferBytes = 8 + random.nextInt(64);
        int batchRows = 1 + random.nextInt(5);
        assertEquals(expected, readLines(List.of(file.toString()), shards, batchRows, bufferBytes),
            "trial " + trial + ", " + shards + " shards, buffer " + bufferBytes + ", content " + content);
      }
    }
  }

  @Test
  void linesLongerThanSplitsAndBuffers() throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      sb.append("x".repeat(1000 + i)).append(i).append('\n');
      sb.append('\n');
    }
    sb.append("last line without newline");
    Files.writeString(dir.resolve("long.txt"), sb.toString());
    List<String> expected = expectedLines(sb.toString());
    for (int shards = 1; shards <= 40; shards += 3) {
      assertEquals(expected, readLines(List.of(dir.resolve("long.txt").toString()), shards, 3, 16));
    }
  }

  @Test
  void edgeFiles() throws IOException {
    String[] contents = {"", "\n", "\n\n\n", "a", "a\n", "\r\n", "a\r\nb\r\n", "ab\rc\n", "\r", "x\n\ny"};
    for (String content : contents) {
      Path file = dir.resolve("edge.txt");
      Files.writeString(file, content);
      for (int shards = 1; shards <= 7; shards++) {
        assertEquals(expectedLines(content), readLines(List.of(file.toString()), shards, 2, 8),
            "'" + content.replace("\n", "\\n").replace("\r", "\\r") + "' in " + shards + " shards");
      }
    }
  }

  @Test
  void manyFilesTogetherIncludingCompressed() throws IOException {
    Random random = new Random(7);
    List<String> paths = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (int f = 0; f < 9; f++) {
      String content = randomContent(random, random.nextInt(30), 20);
      boolean gz = f % 3 == 1;
      Path file = dir.resolve("part" + f + (gz ? ".txt.gz" : ".txt"));
      if (gz) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
          out.write(content.getBytes(StandardCharsets.UTF_8));
        }
        Files.write(file, bytes.toByteArray());
      } else {
        Files.writeString(file, content);
      }
      paths.add(file.toString());
      expected.addAll(expectedLines(content));
    }
    for (int shards = 1; shards <= 7; shards++) {
      List<String> got = readLines(List.of(dir.toString()), shards, 4, 32);
      List<String> sortedGot = new ArrayList<>(got);
      List<String> sortedExpected = new ArrayList<>(expected);
      sortedGot.sort(null);
      sortedExpected.sort(null);
      assertEquals(sortedExpected, sortedGot, shards + " shards");
    }
    assertEquals(expected, readLines(paths, 1, 5, 64), "one shard reads the files in order");
  }

  @Test
  void csvRowsAcrossShards() throws IOException {
    StringBuilder sb = new StringBuilder("id,name,price\n");
    List<Row> expected = new ArrayList<>();
    Random random = new Random(3);
    for (int i = 0; i < 300; i++) {
      String name = random.nextBoolean() ? "n" + i : "\"q, " + i + "\"\"\"";
      sb.append(i).append(',').append(name).append(',').append(i).append(".5\r\n");
      expected.add(Row.of((long) i, name.startsWith("\"") ? "q, " + i + "\"" : name,
          new java.math.BigDecimal(i + ".50")));
    }
    Path file = dir.resolve("rows.csv");
    Files.writeString(file, sb.toString());
    for (int shards = 1; shards <= 7; shards++) {
      SourceSpec spec = SourceSpec.csv(List.of(file.toString()), shards,
          Schemas.parse("id bigint, name string, price decimal(10,2)"), true);
      assertEquals(expected, SourceRows.readAll(spec, allocator, 37, 64), shards + " shards");
    }
  }
}
