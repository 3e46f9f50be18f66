package io.gleam.sql.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.planner.Schemas;
import io.gleam.planner.spi.OnError;
import io.gleam.planner.spi.SourceFormat;
import io.gleam.planner.spi.SourceSpec;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FileTableSource} reads CREATE TABLE options; a file table estimates its rows from the files' size. */
class FileTableSourceTest {
  private static final Schema SCHEMA = Schemas.parse("id bigint, name string");

  @TempDir
  Path dir;

  @Test
  void readsOptions() {
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("FORMAT", "TSV");
    options.put("path", "/data/t/*.tsv");
    options.put("header", true);
    options.put("null", "NULL");
    options.put("on_error", "skip");
    FileTableSource source = FileTableSource.fromOptions(options);
    assertEquals(SourceFormat.TSV, source.format());
    assertEquals(List.of("/data/t/*.tsv"), source.paths());
    assertEquals(Map.of("header", "true", "null", "NULL", "on_error", "skip"), source.options());

    SourceSpec spec = source.toSourceSpec(SCHEMA, 4);
    assertEquals(new SourceSpec(SourceFormat.TSV, List.of("/data/t/*.tsv"), 4, SCHEMA, true, '\t', (char) 0,
        "NULL", OnError.SKIP), spec);
  }

  @Test
  void csvDefaultsAndOverrides() {
    FileTableSource source = FileTableSource.fromOptions(
        Map.of("format", "csv", "path", "/a.csv", "delimiter", ";", "quote", ""));
    assertEquals(new SourceSpec(SourceFormat.CSV, List.of("/a.csv"), 1, SCHEMA, false, ';', (char) 0, null,
        OnError.FAIL), source.toSourceSpec(SCHEMA, 1));
  }

  @Test
  void rejectsBadOptionsByName() {
    assertEquals("a file table needs the options format and path, found format",
        error(Map.of("format", "csv")));
    assertEquals("unknown file format 'xml': expected one of [text, csv, tsv, jsonl, arrow]",
        error(Map.of("format", "xml", "path", "/a")));
    assertEquals("unknown option 'colour' for a csv table: expected format, path, header, delimiter, quote, "
        + "null (or null_string), on_error", error(Map.of("format", "csv", "path", "/a", "colour", "red")));
    assertEquals("option 'delimiter' must be one character, found '::'",
        error(Map.of("format", "csv", "path", "/a", "delimiter", "::")));
    assertEquals("option 'header' must be true or false, found '1'",
        error(Map.of("format", "csv", "path", "/a", "header", BigDecimal.ONE)));
  }

  private static String error(Map<String, ?> options) {
    GleamException e = assertThrows(GleamException.class, () -> FileTableSource.fromOptions(options));
    assertEquals(ErrorCode.INVALID_FLOW, e.code());
    return e.getMessage();
  }

  @Test
  void estimatesRowsFromFileSizes() throws Exception {
    Files.write(dir.resolve("a.csv"), new byte[25_000]);
    Files.write(dir.resolve("b.csv"), new byte[5_050]);
    GleamTable table = GleamTable.file(SCHEMA, FileTableSource.fromOptions(
        Map.of("format", "csv", "path", dir.toString())));
    assertEquals(300, table.estimatedRowCount());
  }

  @Test
  void missingFilesFailWhenTheEstimateIsNeeded() {
    GleamTable table = GleamTable.file(SCHEMA, FileTableSource.fromOptions(
        Map.of("format", "csv", "path", dir.resolve("missing.csv").toString())));
    GleamException e = assertThrows(GleamException.class, table::estimatedRowCount);
    assertEquals(ErrorCode.INPUT_NOT_FOUND, e.code());
  }
}
