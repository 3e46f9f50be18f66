package io.gleam.connectors;

import static java.util.Objects.requireNonNull;

import io.gleam.connectors.memory.MemoryTableStream;
import io.gleam.connectors.memory.MemoryTables;
import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.planner.Schemas;
import io.gleam.planner.spi.SourceFormat;
import io.gleam.planner.spi.SourceSpec;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Opens one shard of a source as a stream of Arrow batches: text (one string column per line), CSV and TSV
 * (typed columns), JSON lines (columns by key), each file read through gzip when its name ends in {@code .gz};
 * Arrow IPC files ({@link ArrowFileSourceStream}); and in-process tables ({@link MemoryTableStream}). Shards are planned by
 * {@link FileSplits#plan}; a line belongs to the shard where it starts. Reads block on the calling thread. Malformed
 * rows fail the stream with {@link ErrorCode#MALFORMED_INPUT} (naming the file, the true line number, the column and
 * the value) or, under {@code OnError.SKIP}, are skipped and counted in {@link SourceStream#metrics()}.
 *
 * <p>CSV limitation: shards find record starts by newlines, so a quoted field holding a newline must not straddle a
 * shard boundary of an uncompressed file (the shard starting inside it would misread the rest of the field as
 * records). With one shard, or in {@code .gz} files, which are never split, quoted newlines are read correctly
 * anywhere. The value conventions: an unquoted empty field is NULL, except in a string column, where it is the
 * empty string; a quoted field is never NULL; {@code spec.nullString()}, when set, marks NULL in unquoted fields.
 */
public final class Sources {
  /** The row limit of a batch unless the caller sets one. */
  public static final int DEFAULT_BATCH_ROWS = 8192;

  private Sources() {}

  /** Opens shard {@code shard} of {@code spec} with batches of at most {@link #DEFAULT_BATCH_ROWS} rows. */
  public static SourceStream open(SourceSpec spec, int shard, BufferAllocator allocator) {
    return open(spec, shard, allocator, DEFAULT_BATCH_ROWS);
  }

  /**
   * Opens shard {@code shard} (0-based, below {@code spec.shards()}) of {@code spec}. The paths are expanded and
   * split now, so a missing input fails here ({@link ErrorCode#INPUT_NOT_FOUND}); files are opened as the stream
   * reaches them. Every batch is a new root of {@code spec.readSchema()} allocated from {@code allocator}, owned by the
   * caller.
   *
   * @param batchRows the most rows in one batch (a batch also ends after 64 MiB of input)
   */
  public static SourceStream open(SourceSpec spec, int shard, BufferAllocator allocator, int batchRows) {
    return open(spec, shard, allocator, batchRows, SplitInput.BLOCK_BYTES);
  }

  static SourceStream open(SourceSpec spec, int shard, BufferAllocator allocator, int batchRows, int bufferBytes) {
    requireNonNull(spec, "spec is null");
    requireNonNull(allocator, "allocator is null");
    if (shard < 0 || shard >= spec.shards()) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "shard %d is out of range: %s has %d shards", shard,
          spec.describe(), spec.shards());
    }
    if (batchRows < 1) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "batch rows must be at least 1, got %d", batchRows);
    }
    if (spec.format() == SourceFormat.MEMORY) {
      return MemoryTableStream.open(MemoryTables.get(spec.paths().get(0)), spec.readSchema(), shard, spec.shards(),
          allocator);
    }
    if (spec.format() == SourceFormat.ARROW) {
      return ArrowFileSourceStream.open(spec, shard, allocator);
    }
    checkSchema(spec);
    List<FileSplit> splits = FileSplits.plan(spec).get(shard);
    return new FileSourceStream(spec, splits, allocator, batchRows, bufferBytes);
  }

  private static void checkSchema(SourceSpec spec) {
    Schema schema = spec.schema();
    if (spec.format() == SourceFormat.TEXT && (schema.getFields().size() != 1
        || !(schema.getFields().get(0).getType() instanceof ArrowType.Utf8))) {
      throw GleamException.user(ErrorCode.INVALID_FLOW,
          "a text source has one string column, not (%s)", Schemas.render(schema));
    }
    if (spec.format() != SourceFormat.CSV && spec.format() != SourceFormat.TSV) {
      return;
    }
    if (spec.delimiter() == spec.quote()) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "%s source: the delimiter and the quote are both '%s'",
          FileSourceStream.label(spec.format()), spec.delimiter());
    }
    if ((spec.delimiter() == '\n' || spec.delimiter() > 0x7F
        || spec.quote() > 0x7F || spec.quote() == '\n')) {
      throw GleamException.user(ErrorCode.INVALID_FLOW,
          "%s source: the delimiter and quote must be ASCII characters other than newline",
          FileSourceStream.label(spec.format()));
    }
  }
}
