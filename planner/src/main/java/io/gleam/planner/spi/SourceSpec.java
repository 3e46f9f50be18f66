package io.gleam.planner.spi;

import static java.util.Objects.requireNonNull;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.planner.Schemas;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Where and how to read files: paths (files, directories, globs; {@code .gz} by extension), a format, the number
 * of shards to split them into (by byte ranges, so one large file gives many shards), and format options.
 *
 * @param delimiter field separator for CSV/TSV
 * @param quote quote character for CSV, or 0 for none
 * @param nullString the text that stands for NULL, or null for none; an empty unquoted field is NULL for
 *     non-string columns and the empty string for string columns
 * @param columns the columns of {@code schema} the source produces, by index, in increasing order; empty for all.
 *     The others are not decoded at all: a CSV reader only checks that their row has the right field count, so a
 *     malformed value in a column no query reads is not reported.
 * @param ranges bounds on produced columns that a CSV or TSV reader checks first, dropping a row outside them
 *     before it decodes the row's other columns (see {@link ColumnRange}); other formats ignore them
 */
public record SourceSpec(
    SourceFormat format,
    List<String> paths,
    int shards,
    Schema schema,
    boolean header,
    char delimiter,
    char quote,
    String nullString,
    OnError onError,
    List<Integer> columns,
    List<ColumnRange> ranges) {

  public SourceSpec {
    requireNonNull(format, "format is null");
    paths = List.copyOf(requireNonNull(paths, "paths is null"));
    requireNonNull(schema, "schema is null");
    requireNonNull(onError, "onError is null");
    if (paths.isEmpty()) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "a %s source needs at least one path", format);
    }
    if (shards < 1) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "shards must be at least 1, got %d", shards);
    }
    columns = columns == null ? List.of() : List.copyOf(columns);
    for (int i = 0; i < columns.size(); i++) {
      int c = columns.get(i);
      if (c < 0 || c >= schema.getFields().size() || (i > 0 && c <= columns.get(i - 1))) {
        throw GleamException.user(ErrorCode.INVALID_FLOW,
            "source columns %s must be increasing indexes of the %d columns of (%s)", columns,
            schema.getFields().size(), Schemas.render(schema));
      }
    }
    ranges = ranges == null ? List.of() : List.copyOf(ranges);
    for (ColumnRange range : ranges) {
      if (range.column() >= schema.getFields().size()
          || (!columns.isEmpty() && !columns.contains(range.column()))) {
        throw new GleamException(ErrorCode.INTERNAL, "range " + range + " is not on a column the source produces");
      }
    }
  }

  /** A spec that produces every column of {@code schema}. */
  public SourceSpec(SourceFormat format, List<String> paths, int shards, Schema schema, boolean header,
      char delimiter, char quote, String nullString, OnError onError) {
    this(format, paths, shards, schema, header, delimiter, quote, nullString, onError, List.of(), List.of());
  }

  /** The schema of the rows the source produces: {@code schema}'s fields at {@link #columns}. */
  public Schema readSchema() {
    if (columns.isEmpty()) {
      return schema;
    }
    List<Field> fields = new ArrayList<>(columns.size());
    for (int c : columns) {
      fields.add(schema.getFields().get(c));
    }
    return new Schema(fields);
  }

  /** The index in {@code schema} of each column the source produces. */
  public int[] readColumns() {
    if (columns.isEmpty()) {
      return IntStream.range(0, schema.getFields().size()).toArray();
    }
    return columns.stream().mapToInt(Integer::intValue).toArray();
  }

  /** A text source: one string column {@code line}. */
  public static SourceSpec text(List<String> paths, int shards) {
    return new SourceSpec(SourceFormat.TEXT, paths, shards, Schemas.parse("line string"),
        false, '\n', (char) 0, null, OnError.FAIL);
  }

  public static SourceSpec csv(List<String> paths, int shards, Schema schema, boolean header) {
    return new SourceSpec(SourceFormat.CSV, paths, shards, schema, header, ',', '"', null, OnError.FAIL);
  }

  public static SourceSpec tsv(List<String> paths, int shards, Schema schema, boolean header) {
    return new SourceSpec(SourceFormat.TSV, paths, shards, schema, header, '\t', (char) 0, "\\N", OnError.FAIL);
  }

  /** A JSON lines source: one object per line, columns of {@code schema} by key. */
  public static SourceSpec jsonl(List<String> paths, int shards, Schema schema) {
    return new SourceSpec(SourceFormat.JSONL, paths, shards, schema, false, '\n', (char) 0, null, OnError.FAIL);
  }

  /** An Arrow IPC file source; the files' schema must have the columns of {@code schema}, in order. */
  public static SourceSpec arrow(List<String> paths, int shards, Schema schema) {
    return new SourceSpec(SourceFormat.ARROW, paths, shards, schema, false, '\n', (char) 0, null, OnError.FAIL);
  }

  /** The batches of the in-process table registered as {@code tableId}, split across {@code shards}. */
  public static SourceSpec memory(String tableId, int shards, Schema schema) {
    return new SourceSpec(SourceFormat.MEMORY, List.of(tableId), shards, schema, false, '\n', (char) 0, null,
        OnError.FAIL);
  }

  public SourceSpec withShards(int n) {
    return new SourceSpec(format, paths, n, schema, header, delimiter, quote, nullString, onError, columns, ranges);
  }

  public SourceSpec withOnError(OnError e) {
    return new SourceSpec(format, paths, shards, schema, header, delimiter, quote, nullString, e, columns, ranges);
  }

  public SourceSpec withNullString(String s) {
    return new SourceSpec(format, paths, shards, schema, header, delimiter, quote, s, onError, columns, ranges);
  }

  public SourceSpec withDelimiter(char d) {
    return new SourceSpec(format, paths, shards, schema, header, d, quote, nullString, onError, columns, ranges);
  }

  /** This spec producing only {@code schema}'s columns at {@code indexes} (increasing; empty for all). */
  public SourceSpec withColumns(List<Integer> indexes) {
    return new SourceSpec(format, paths, shards, schema, header, delimiter, quote, nullString, onError, indexes,
        ranges);
  }

  /** This spec with {@code bounds} as its row ranges (see {@link ColumnRange}). */
  public SourceSpec withRanges(List<ColumnRange> bounds) {
    return new SourceSpec(format, paths, shards, schema, header, delimiter, quote, nullString, onError, columns,
        bounds);
  }

  public String describe() {
    return format.name().toLowerCase() + " " + paths + " shards=" + shards
        + (columns.isEmpty() ? "" : " columns=" + readSchema().getFields().stream().map(Field::getName).toList())
        + (ranges.isEmpty() ? "" : " ranges=" + ranges.stream()
            .map(r -> schema.getFields().get(r.column()).getName() + "[" + r.low() + ".." + r.high() + "]").toList())
        + (header ? " header" : "") + (onError == OnError.SKIP ? " on_error=skip" : "");
  }
}
