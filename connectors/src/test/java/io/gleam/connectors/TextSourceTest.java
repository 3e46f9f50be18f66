package io.gleam.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.planner.Schemas;
import io.gleam.planner.spi.OnError;
import io.gleam.planner.spi.SourceFormat;
import io.gleam.planner.spi.SourceSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextSourceTest {
  private final BufferAllocator allocator = new RootAllocator();

  @TempDir
  Path dir;

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  private Path write(String name, byte[] bytes) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, bytes);
    return p;
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }

  /** A file of {@code n} lines "line 1".."line n", with line {@code bad} holding an invalid byte after "li". */
  private Path fileWithBadLine(int n, int bad) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 1; i <= n; i++) {
      if (i == bad) {
        out.writeBytes(new byte[] {'l', 'i', (byte) 0xFF, 'e'});
      } else {
        out.writeBytes(("line " + i).getBytes(StandardCharsets.UTF_8));
      }
      out.write('\n');
    }
    return write("bad.txt", out.toByteArray());
  }

  @Test
  void readsLinesInBatchesAndCountsMetrics() throws IOException {
    Path p = write("a.txt", "one\r\ntwo\n\nfour é\nfive\nsix\nseven".getBytes(StandardCharsets.UTF_8));
    try (SourceStream stream = Sources.open(SourceSpec.text(List.of(p.toString()), 1), 0, allocator, 3)) {
      List<Integer> sizes = new ArrayList<>();
      List<String> lines = new ArrayList<>();
      Optional<VectorSchemaRoot> next;
      while ((next = stream.next()).isPresent()) {
        try (VectorSchemaRoot batch = next.get()) {
          assertEquals(stream.schema(), batch.getSchema());
          sizes.add(batch.getRowCount());
          lines.addAll(SourceRows.firstColumn(io.gleam.planner.rows.ArrowValues.rows(batch)));
        }
      }
      assertEquals(List.of(3, 3, 1), sizes);
      assertEquals(List.of("one", "two", "", "four é", "five", "six", "seven"), lines);
      assertEquals(7, stream.metrics().rows());
      assertEquals(3, stream.metrics().batches());
      assertEquals(Files.size(p), stream.metrics().bytes());
      assertEquals(1, stream.metrics().splits());
      assertEquals(0, stream.metrics().skippedRows());
      assertTrue(stream.next().isEmpty(), "stays at the end");
    }
  }

  @Test
  void badUtf8FailsWithTrueLineNumberEvenInALaterShard() throws IOException {
    Path p = fileWithBadLine(100, 90);
    SourceSpec spec = SourceSpec.text(List.of(p.toString()), 4);
    long offset = 0;
    for (int i = 1; i < 90; i++) {
      offset += ("line " + i).length() + 1;
    }
    try (SourceStream stream = Sources.open(spec, 3, allocator)) {
      GleamException e = assertThrows(GleamException.class, () -> SourceRows.drain(stream, 8192));
      assertEquals(ErrorCode.MALFORMED_INPUT, e.code());
      assertEquals("text file " + p + " line 90: invalid UTF-8 at byte " + (offset + 2), e.getMessage());
    }
  }

  @Test
  void skipModeCountsBadLines() throws IOException {
    Path p = fileWithBadLine(50, 7);
    SourceSpec spec = SourceSpec.text(List.of(p.toString()), 3).withOnError(OnError.SKIP);
    long rows = 0;
    long skipped = 0;
    List<String> all = new ArrayList<>();
    for (int shard = 0; shard < 3; shard++) {
      try (SourceStream stream = Sources.open(spec, shard, allocator)) {
        all.addAll(SourceRows.firstColumn(SourceRows.drain(stream, 8192)));
        rows += stream.metrics().rows();
        skipped += stream.metrics().skippedRows();
        if (stream.metrics().skippedRows() > 0) {
          String first = stream.metrics().firstSkipped().orElseThrow();
          assertTrue(first.startsWith("text file " + p + " at byte "), first);
          assertTrue(first.contains("invalid UTF-8"), first);
        }
      }
    }
    assertEquals(49, rows);
    assertEquals(1, skipped);
    assertEquals(49, all.size());
    assertTrue(!all.contains("li\uFFFDe"));
  }

  @Test
  void gzipFilesAreReadWholeWithHeader() throws IOException {
    Path p = write("lines.txt.gz", gzip("title\na\r\nb\nc".getBytes(StandardCharsets.UTF_8)));
    SourceSpec spec = new SourceSpec(SourceFormat.TEXT, List.of(p.toString()), 3, Schemas.parse("line string"),
        true, '\n', (char) 0, null, OnError.FAIL);
    assertEquals(List.of("a", "b", "c"), SourceRows.firstColumn(SourceRows.readAll(spec, allocator)));
  }

  @Test
  void badUtf8InGzipNamesTheUncompressedLine() throws IOException {
    Path p = write("x.gz", gzip(new byte[] {'o', 'k', '\n', 'o', 'k', '\n', (byte) 0xC3, '\n'}));
    GleamException e = assertThrows(GleamException.class,
        () -> SourceRows.readAll(SourceSpec.text(List.of(p.toString()), 1), allocator));
    assertEquals("text file " + p + " line 3: invalid UTF-8 at byte 6", e.getMessage());
  }

  @Test
  void corruptGzipIsMalformedInput() throws IOException {
    byte[] gz = gzip("hello world, hello world, hello world\n".repeat(100).getBytes(StandardCharsets.UTF_8));
    byte[] truncated = java.util.Arrays.copyOf(gz, gz.length / 2);
    Path p = write("cut.gz", truncated);
    GleamException e = assertThrows(GleamException.class,
        () -> SourceRows.readAll(SourceSpec.text(List.of(p.toString()), 1), allocator));
    assertEquals(ErrorCode.MALFORMED_INPUT, e.code());
    assertTrue(e.getMessage().contains(p.toString()) && e.getMessage().contains("gzip"), e.getMessage());
  }

  @Test
  void fileRemovedAfterOpenIsInputNotFound() throws IOException {
    Path p = write("gone.txt", "a\nb\n".getBytes(StandardCharsets.UTF_8));
    try (SourceStream stream = Sources.open(SourceSpec.text(List.of(p.toString()), 1), 0, allocator)) {
      Files.delete(p);
      GleamException e = assertThrows(GleamException.class, stream::next);
      assertEquals(ErrorCode.INPUT_NOT_FOUND, e.code());
      assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
    }
  }

  @Test
  void badArgumentsAreInvalidFlow() throws IOException {
    Path p = write("a.txt", "a\n".getBytes(StandardCharsets.UTF_8));
    SourceSpec spec = SourceSpec.text(List.of(p.toString()), 2);
    assertEquals(ErrorCode.INVALID_FLOW,
        assertThrows(GleamException.class, () -> Sources.open(spec, 2, allocator)).code());
    assertEquals(ErrorCode.INVALID_FLOW,
        assertThrows(GleamException.class, () -> Sources.open(spec, 0, allocator, 0)).code());
    SourceSpec twoColumns = new SourceSpec(SourceFormat.TEXT, List.of(p.toString()), 1,
        Schemas.parse("a string, b string"), false, '\n', (char) 0, null, OnError.FAIL);
    GleamException e = assertThrows(GleamException.class, () -> Sources.open(twoColumns, 0, allocator));
    assertEquals(ErrorCode.INVALID_FLOW, e.code());
    assertEquals(ErrorCode.INPUT_NOT_FOUND, assertThrows(GleamException.class,
        () -> Sources.open(SourceSpec.text(List.of(dir.resolve("no.txt").toString()), 1), 0, allocator)).code());
  }

  @Test
  void emptyShardsAndEmptyFilesGiveNoBatch() throws IOException {
    Path p = write("e.txt", new byte[0]);
    for (int shard = 0; shard < 3; shard++) {
      try (SourceStream stream = Sources.open(SourceSpec.text(List.of(p.toString()), 3), shard, allocator)) {
        assertTrue(stream.next().isEmpty());
        assertEquals(0, stream.metrics().batches());
      }
    }
  }

  @Test
  void closingMidStreamReleasesEverything() throws IOException {
    Path p = write("m.txt", "x\n".repeat(50_000).getBytes(StandardCharsets.UTF_8));
    try (SourceStream stream = Sources.open(SourceSpec.text(List.of(p.toString()), 1), 0, allocator, 100)) {
      stream.next().orElseThrow().close();
    }
    assertEquals(0, allocator.getAllocatedMemory());
  }
}
