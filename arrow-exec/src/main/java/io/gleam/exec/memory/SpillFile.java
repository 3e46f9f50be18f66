package io.gleam.exec.memory;

import io.gleam.exec.operator.RowStream;
import io.gleam.exec.rows.BatchBuilder;
import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.planner.rows.ArrowValues;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.types.pojo.Schema;
import org.slf4j.LoggerFactory;

/**
 * A run of rows spilled to an Arrow IPC file, written once in order and read back once as a {@link RowStream}.
 * The file is deleted when the reader is closed.
 */
public final class SpillFile implements AutoCloseable {
  private final Path path;
  private final Schema schema;
  private final BufferAllocator allocator;
  private ArrowFileReader reader;
  private FileChannel channel;
  private List<FieldVector> vectors;
  private int index;
  private int rowCount;

  private SpillFile(Path path, Schema schema, BufferAllocator allocator) {
    this.path = path;
    this.schema = schema;
    this.allocator = allocator;
  }

  /** Writes {@code rows} (already in the order they must be read back) to a new spill file in {@code dir}. */
  public static SpillFile write(Path dir, String consumer, Schema schema, Iterator<Object[]> rows,
      BufferAllocator allocator, int batchRows) {
    Path path;
    try {
      Files.createDirectories(dir);
      path = Files.createTempFile(dir, "gleam-spill-" + consumer.replaceAll("[^A-Za-z0-9]+", "-"), ".arrow");
    } catch (IOException e) {
      throw new GleamException(ErrorCode.EXCEEDED_MEMORY, "cannot create spill file in " + dir + " for " + consumer
          + ": " + e.getMessage(), e);
    }
    boolean written = false;
    try (FileChannel out = FileChannel.open(path, StandardOpenOption.WRITE);
         VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
         ArrowFileWriter writer = new ArrowFileWriter(root, null, out);
         BatchBuilder builder = new BatchBuilder(schema, allocator, batchRows)) {
      writer.start();
      VectorLoaderSink sink = new VectorLoaderSink(root, writer);
      while (rows.hasNext()) {
        builder.add(rows.next());
        if (builder.isFull()) {
          sink.write(builder.take());
        }
      }
      VectorSchemaRoot last = builder.take();
      if (last != null) {
        sink.write(last);
      }
      writer.end();
      written = true;
    } catch (IOException e) {
      throw new GleamException(ErrorCode.EXCEEDED_MEMORY, "cannot write spill file " + path + ": " + e.getMessage(), e);
    } finally {
      if (!written) {
        deleteQuietly(path);
      }
    }
    return new SpillFile(path, schema, allocator);
  }

  /** Removes a half-written file on the way out of a failed write; the write's own failure is what counts. */
  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      LoggerFactory.getLogger(SpillFile.class).warn("cannot delete spill file {}: {}", path, e.toString());
    }
  }

  public long bytes() {
    try {
      return Files.size(path);
    } catch (IOException e) {
      return 0;
    }
  }

  /** Reads the rows back in order; returns null at the end. */
  public RowStream reader() {
    return this::nextRow;
  }

  private Object[] nextRow() {
    try {
      if (reader == null) {
        channel = FileChannel.open(path, StandardOpenOption.READ);
        reader = new ArrowFileReader(channel, allocator);
        vectors = reader.getVectorSchemaRoot().getFieldVectors();
      }
      while (index >= rowCount) {
        if (!reader.loadNextBatch()) {
          return null;
        }
        rowCount = reader.getVectorSchemaRoot().getRowCount();
        index = 0;
      }
      Object[] row = new Object[vectors.size()];
      for (int c = 0; c < row.length; c++) {
        row[c] = ArrowValues.get(vectors.get(c), index);
      }
      index++;
      return row;
    } catch (IOException e) {
      throw new GleamException(ErrorCode.INTERNAL, "cannot read spill file " + path + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      if (reader != null) {
        reader.close();
      }
      if (channel != null && channel.isOpen()) {
        channel.close();
      }
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new GleamException(ErrorCode.INTERNAL, "cannot delete spill file " + path + ": " + e.getMessage(), e);
    }
  }

  /** Moves a built batch into the writer's root and writes it. */
  private record VectorLoaderSink(VectorSchemaRoot root, ArrowFileWriter writer) {
    void write(VectorSchemaRoot batch) throws IOException {
      try (batch; var recordBatch = new VectorUnloader(batch).getRecordBatch()) {
        new org.apache.arrow.vector.VectorLoader(root).load(recordBatch);
        writer.writeBatch();
      }
    }
  }
}
