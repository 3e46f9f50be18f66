package io.gleam.connectors;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.planner.Schemas;
import io.gleam.planner.spi.SourceSpec;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Reads one shard of Arrow IPC files (the random-access file format). The record batches of all files, in file
 * order, are dealt to shards in contiguous runs of about equal count, so one file with many batches gives many
 * shards. A batch is loaded from the file and handed out whole, its buffers transferred to a new root the caller
 * owns (only the columns the spec reads; the buffers of the others are released when the next batch loads). Each file's schema must have the source's column types in order (names may differ); a file that is not an
 * Arrow file, or of other types, fails naming the file.
 */
final class ArrowFileSourceStream implements SourceStream {
  private final SourceSpec spec;
  private final List<Block> blocks;
  private final BufferAllocator allocator;
  private final SourceMetrics metrics = new SourceMetrics();
  private int next;
  private Path openPath;
  private FileChannel channel;
  private ArrowFileReader reader;

  /** One record batch of one file. */
  private record Block(Path file, int index) {}

  private ArrowFileSourceStream(SourceSpec spec, List<Block> blocks, BufferAllocator allocator) {
    this.spec = spec;
    this.blocks = blocks;
    this.allocator = allocator;
  }

  static ArrowFileSourceStream open(SourceSpec spec, int shard, BufferAllocator allocator) {
    List<Block> all = new ArrayList<>();
    for (Path file : FileSplits.expand(spec.paths())) {
      int count = blockCount(file, spec, allocator);
      for (int i = 0; i < count; i++) {
        all.add(new Block(file, i));
      }
    }
    int from = (int) ((long) all.size() * shard / spec.shards());
    int to = (int) ((long) all.size() * (shard + 1) / spec.shards());
    return new ArrowFileSourceStream(spec, List.copyOf(all.subList(from, to)), allocator);
  }

  private static int blockCount(Path file, SourceSpec spec, BufferAllocator allocator) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
         ArrowFileReader reader = new ArrowFileReader(channel, allocator)) {
      checkSchema(file, reader.getVectorSchemaRoot().getSchema(), spec.schema());
      return reader.getRecordBlocks().size();
    } catch (NoSuchFileException e) {
      throw new GleamException(ErrorCode.INPUT_NOT_FOUND, "Arrow file '" + file + "' does not exist", e);
    } catch (IOException | RuntimeException e) {
      if (e instanceof GleamException g) {
        throw g;
      }
      throw new GleamException(ErrorCode.MALFORMED_INPUT, "Arrow file " + file + ": not a readable Arrow IPC file ("
          + e.getMessage() + ")", e);
    }
  }

  private static void checkSchema(Path file, Schema found, Schema expected) {
    List<Field> a = found.getFields();
    List<Field> b = expected.getFields();
    boolean same = a.size() == b.size();
    for (int i = 0; same && i < a.size(); i++) {
      same = a.get(i).getType().equals(b.get(i).getType());
    }
    if (!same) {
      throw GleamException.user(ErrorCode.MALFORMED_INPUT, "Arrow file %s has columns (%s), the table (%s)", file,
          Schemas.render(found), Schemas.render(expected));
    }
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
    while (next < blocks.size()) {
      Block block = blocks.get(next++);
      try {
        if (!block.file().equals(openPath)) {
          closeReader();
          channel = FileChannel.open(block.file(), StandardOpenOption.READ);
          reader = new ArrowFileReader(channel, allocator);
          openPath = block.file();
          metrics.addSplit();
        }
        ArrowBlock arrowBlock = reader.getRecordBlocks().get(block.index());
        if (!reader.loadRecordBatch(arrowBlock)) {
          throw new GleamException(ErrorCode.MALFORMED_INPUT, "Arrow file " + block.file() + ": batch "
              + block.index() + " cannot be read");
        }
        metrics.addBytes(arrowBlock.getBodyLength() + arrowBlock.getMetadataLength());
        VectorSchemaRoot loaded = reader.getVectorSchemaRoot();
        if (loaded.getRowCount() == 0) {
          continue;
        }
        VectorSchemaRoot out = VectorSchemaRoot.create(spec.readSchema(), allocator);
        List<FieldVector> from = loaded.getFieldVectors();
        List<FieldVector> to = out.getFieldVectors();
        int[] read = spec.readColumns();
        for (int c = 0; c < read.length; c++) {
          from.get(read[c]).makeTransferPair(to.get(c)).transfer();
        }
        out.setRowCount(loaded.getRowCount());
        metrics.addBatch(out.getRowCount());
        return Optional.of(out);
      } catch (IOException e) {
        throw new GleamException(ErrorCode.MALFORMED_INPUT, "Arrow file " + block.file() + ": " + e.getMessage(), e);
      }
    }
    closeReader();
    return Optional.empty();
  }

  private void closeReader() {
    try {
      if (reader != null) {
        reader.close();
      }
      if (channel != null) {
        channel.close();
      }
    } catch (IOException e) {
      throw new GleamException(ErrorCode.INPUT_NOT_FOUND, "cannot close Arrow file '" + openPath + "': " + e, e);
    } finally {
      reader = null;
      channel = null;
      openPath = null;
    }
  }

  @Override
  public void close() {
    closeReader();
  }
}
