package io.gleam.connectors;

import io.gleam.connectors.memory.BatchSharing;
import io.gleam.connectors.memory.ProcessAllocator;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.util.AutoCloseables;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Writes batches into one Arrow IPC file (the random-access file format), one record batch per batch written,
 * without copying: each batch's buffers are shared into the writer's root for the write (copied only when the
 * batch comes from an allocator of another root). Memory: none beyond the batch being written.
 */
public final class ArrowIpcFileWriter implements BatchWriter {
  private final Path path;
  private final Schema schema;
  private final BufferAllocator allocator;
  private final VectorSchemaRoot root;
  private final FileChannel channel;
  private final ArrowFileWriter writer;
  private boolean closed;

  private ArrowIpcFileWriter(Path path, Schema schema, BufferAllocator allocator, VectorSchemaRoot root,
      FileChannel channel, ArrowFileWriter writer) {
    this.path = path;
    this.schema = schema;
    this.allocator = allocator;
    this.root = root;
    this.channel = channel;
    this.writer = writer;
  }

  /** Creates (or truncates) the file at {@code path}, creating missing directories, and writes the schema. */
  public static ArrowIpcFileWriter open(Path path, Schema schema) {
    BufferAllocator allocator = ProcessAllocator.root().newChildAllocator("arrow writer " + path, 0, Long.MAX_VALUE);
    VectorSchemaRoot root = null;
    FileChannel channel = null;
    try {
      Sinks.createParent(path);
      root = VectorSchemaRoot.create(schema, allocator);
      channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING);
      ArrowFileWriter writer = new ArrowFileWriter(root, null, channel);
      writer.start();
      return new ArrowIpcFileWriter(path, schema, allocator, root, channel, writer);
    } catch (IOException e) {
      closeQuietly(root, channel, allocator, e);
      throw Sinks.outputFailed(path, e);
    } catch (RuntimeException e) {
      closeQuietly(root, channel, allocator, e);
      throw e;
    }
  }

  private static void closeQuietly(VectorSchemaRoot root, FileChannel channel, BufferAllocator allocator,
      Exception failure) {
    try {
      AutoCloseables.close(root, channel, allocator);
    } catch (Exception e) {
      failure.addSuppressed(e);
    }
  }

  @Override
  public void write(VectorSchemaRoot batch) {
    if (batch.getRowCount() == 0) {
      return;
    }
    try (VectorSchemaRoot shared = BatchSharing.share(batch, schema, allocator);
         ArrowRecordBatch record = new VectorUnloader(shared).getRecordBatch()) {
      new VectorLoader(root).load(record);
      writer.writeBatch();
    } catch (IOException e) {
      throw Sinks.outputFailed(path, e);
    } finally {
      root.clear();
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      writer.end();
      writer.close();
      AutoCloseables.close(root, channel, allocator);
    } catch (Exception e) {
      throw Sinks.outputFailed(path, e instanceof IOException io ? io : new IOException(e));
    }
  }
}
