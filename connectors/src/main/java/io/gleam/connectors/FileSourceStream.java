package io.gleam.connectors;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.planner.spi.SourceFormat;
import io.gleam.planner.spi.SourceSpec;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Reads the splits of one shard in order, one at a time, on the caller's thread, and hands out each batch as a new
 * {@link VectorSchemaRoot} that the caller owns. Memory: one read buffer (1 MiB, more for longer lines) plus the
 * batch being filled. A batch ends at the row limit or after about {@link #BATCH_BYTES} bytes of input.
 */
final class FileSourceStream implements SourceStream {
  /** Input bytes after which a batch ends even if it has fewer rows than the limit. */
  static final long BATCH_BYTES = 64L << 20;
  private static final int STRING_BYTES_PER_ROW = 32;

  private final SourceSpec spec;
  private final List<FileSplit> splits;
  private final BufferAllocator allocator;
  private final int batchRows;
  private final RecordDecoder decoder;
  private final SourceMetrics metrics = new SourceMetrics();
  private byte[] buffer;
  private int nextSplit;
  private SplitInput input;
  private boolean done;

  FileSourceStream(SourceSpec spec, List<FileSplit> splits, BufferAllocator allocator, int batchRows,
      int bufferBytes) {
    this.spec = spec;
    this.splits = List.copyOf(splits);
    this.allocator = allocator;
    this.batchRows = batchRows;
    this.buffer = new byte[bufferBytes];
    String label = label(spec.format());
    MalformedRows malformed = new MalformedRows(label, spec.onError(), metrics);
    this.decoder = switch (spec.format()) {
      case TEXT -> new TextDecoder(malformed);
      case CSV, TSV -> new DelimitedDecoder(spec.schema().getFields(), spec.readColumns(), spec.ranges(), label,
          spec.delimiter(), spec.quote(), spec.nullString(), malformed);
      case JSONL -> new JsonLinesDecoder(spec.readSchema().getFields(), malformed);
      case ARROW, MEMORY -> throw new GleamException(ErrorCode.INTERNAL, label + " is not a line format");
    };
  }

  static String label(SourceFormat format) {
    return switch (format) {
      case TEXT -> "text";
      case CSV -> "CSV";
      case TSV -> "TSV";
      case JSONL -> "JSON lines";
      case ARROW -> "Arrow";
      case MEMORY -> "memory table";
    };
  }

  @Override
  public Schema schema() {
    return spec.readSchema();
  }

  @Override
  public SourceMetrics metrics() {
    return metrics;
  }

  @Override
  public Optional<VectorSchemaRoot> next() {
    if (done) {
      return Optional.empty();
    }
    VectorSchemaRoot batch = VectorSchemaRoot.create(spec.readSchema(), allocator);
    boolean handedOut = false;
    try {
      allocate(batch);
      decoder.bind(batch);
      int rows = 0;
      long consumed = 0;
      while (rows < batchRows && (consumed < BATCH_BYTES || rows == 0)) {
        if (input == null && !openNextSplit()) {
          done = true;
          break;
        }
        long before = input.position();
        rows = decoder.decode(input, rows, batchRows, before + Math.max(1, BATCH_BYTES - consumed));
        long read = input.position() - before;
        consumed += read;
        metrics.addBytes(read);
        if (input.finished()) {
          closeInput();
        }
      }
      if (rows == 0) {
        return Optional.empty();
      }
      batch.setRowCount(rows);
      metrics.addBatch(rows);
      handedOut = true;
      return Optional.of(batch);
    } catch (IOException e) {
      throw readFailure(e);
    } catch (OutOfMemoryException e) {
      throw new GleamException(ErrorCode.EXCEEDED_MEMORY, "reading " + spec.describe() + ": a batch of up to "
          + batchRows + " rows does not fit in allocator '" + allocator.getName() + "'", e);
    } finally {
      if (!handedOut) {
        batch.close();
      }
    }
  }

  private void allocate(VectorSchemaRoot batch) {
    for (FieldVector v : batch.getFieldVectors()) {
      if (v instanceof BaseVariableWidthVector w) {
        w.allocateNew((long) batchRows * STRING_BYTES_PER_ROW, batchRows);
      } else {
        v.setInitialCapacity(batchRows);
        v.allocateNew();
      }
    }
  }

  private boolean openNextSplit() throws IOException {
    if (nextSplit == splits.size()) {
      return false;
    }
    FileSplit split = splits.get(nextSplit++);
    input = SplitInput.open(split, buffer);
    metrics.addSplit();
    if (spec.header() && split.start() == 0) {
      long before = input.position();
      decoder.skipRecord(input);
      metrics.addBytes(input.position() - before);
    }
    return true;
  }

  private GleamException readFailure(IOException e) {
    String file = input != null ? input.split().file().toString()
        : splits.get(Math.max(0, nextSplit - 1)).file().toString();
    done = true;
    if (input != null) {
      try {
        closeInput();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
    }
    if (e instanceof NoSuchFileException) {
      return new GleamException(ErrorCode.INPUT_NOT_FOUND, "input file '" + file + "' no longer exists", e);
    }
    if (e instanceof ZipException || e instanceof EOFException) {
      return new GleamException(ErrorCode.MALFORMED_INPUT,
          label(spec.format()) + " file " + file + ": corrupt or truncated gzip data (" + e.getMessage() + ")", e);
    }
    return new GleamException(ErrorCode.INPUT_NOT_FOUND, "cannot read input file '" + file + "': " + e, e);
  }

  private void closeInput() throws IOException {
    SplitInput in = input;
    input = null;
    buffer = in.buf();
    in.close();
  }

  @Override
  public void close() {
    done = true;
    if (input != null) {
      try {
        closeInput();
      } catch (IOException e) {
        throw new GleamException(ErrorCode.INPUT_NOT_FOUND,
            "cannot close input file '" + splits.get(nextSplit - 1).file() + "': " + e.getMessage(), e);
      }
    }
  }
}
