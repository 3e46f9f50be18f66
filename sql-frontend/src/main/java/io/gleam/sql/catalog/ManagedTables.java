package io.gleam.sql.catalog;

import static java.util.Objects.requireNonNull;

import io.gleam.connectors.ArrowIpcFileWriter;
import io.gleam.connectors.memory.MemoryTable;
import io.gleam.connectors.memory.MemoryTables;
import io.gleam.connectors.memory.ProcessAllocator;
import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The data of the managed tables of one session: a {@link MemoryTable} per table name, each registered with the
 * connectors' {@link MemoryTables} under a fresh id, all allocating from one allocator that this object owns. A
 * table's memory is freed when it is dropped or replaced and at {@link #close()}.
 *
 * <p>With a directory, each table is also kept as an Arrow IPC file {@code tables/NAME.arrow} under it, rewritten
 * (to a temporary file, then renamed over the old one) whenever the table changes; a table restored from its file
 * is read into memory the first time a statement needs it ({@link #load}). Not safe for concurrent use: the
 * session runs one statement at a time.
 */
public final class ManagedTables implements AutoCloseable {
  /** The sub-directory of a catalog directory that holds the tables' Arrow files. */
  public static final String TABLES_DIRECTORY = "tables";

  private final BufferAllocator allocator;
  private final Optional<Path> directory;
  private final Map<String, MemoryTable> loaded = new HashMap<>();
  /** Tables restored from their files but not read yet: name → (id, schema). */
  private final Map<String, Pending> pending = new HashMap<>();

  private record Pending(String id, Schema schema) {}

  /** Tables held in memory only ({@code directory} empty) or also as Arrow files under {@code directory}. */
  public ManagedTables(Optional<Path> directory) {
    this.directory = requireNonNull(directory, "directory is null");
    this.allocator = ProcessAllocator.root().newChildAllocator("managed tables", 0, Long.MAX_VALUE);
  }

  /**
   * A new empty table of {@code schema}, registered under a fresh id but not bound to any name yet: fill it (a
   * query's sink), then {@link #bind} it, or {@link #discard} it.
   */
  public MemoryTable newTable(String name, Schema schema) {
    MemoryTable table = new MemoryTable(name + "#" + UUID.randomUUID(), schema, allocator);
    MemoryTables.register(table);
    return table;
  }

  /** Unregisters and frees a table made by {@link #newTable} that was not bound. */
  public void discard(MemoryTable table) {
    MemoryTables.unregister(table.id());
    table.close();
  }

  /**
   * Makes {@code table} the data of {@code name}, freeing what {@code name} had, and writes its file when there is
   * a directory.
   */
  public void bind(String name, MemoryTable table) {
    requireNonNull(table, "table is null");
    if (directory.isPresent()) {
      write(table, file(name));
    }
    release(name);
    loaded.put(name, table);
  }

  /** Rewrites {@code name}'s file after its rows changed; does nothing without a directory. */
  public void save(String name) {
    MemoryTable table = loaded.get(name);
    if (directory.isPresent() && table != null) {
      write(table, file(name));
    }
  }

  /** Records that {@code name}'s data is in its file, to be read when first needed; returns the id to scan by. */
  public String restore(String name, Schema schema) {
    release(name);
    String id = name + "#" + UUID.randomUUID();
    pending.put(name, new Pending(id, schema));
    return id;
  }

  /** The data of {@code name}, read from its file now if it was restored and not read yet. */
  public Optional<MemoryTable> load(String name) {
    MemoryTable table = loaded.get(name);
    if (table != null) {
      return Optional.of(table);
    }
    Pending p = pending.remove(name);
    if (p == null) {
      return Optional.empty();
    }
    table = new MemoryTable(p.id(), p.schema(), allocator);
    try {
      read(file(name), table);
    } catch (RuntimeException e) {
      table.close();
      pending.put(name, p);
      throw e;
    }
    MemoryTables.register(table);
    loaded.put(name, table);
    return Optional.of(table);
  }

  /** Frees {@code name}'s data and deletes its file. */
  public void drop(String name) {
    release(name);
    if (directory.isPresent()) {
      try {
        Files.deleteIfExists(file(name));
      } catch (IOException e) {
        throw new GleamException(ErrorCode.OUTPUT_FAILED, "cannot delete " + file(name) + ": " + e, e);
      }
    }
  }

  /** The bytes of Arrow memory all tables hold now. */
  public long allocatedBytes() {
    return allocator.getAllocatedMemory();
  }

  /** The file that holds {@code name}'s data. */
  public Path file(String name) {
    return directory.orElseThrow().resolve(TABLES_DIRECTORY).resolve(name + ".arrow");
  }

  private void release(String name) {
    pending.remove(name);
    MemoryTable old = loaded.remove(name);
    if (old != null) {
      MemoryTables.unregister(old.id());
      old.close();
    }
  }

  private void write(MemoryTable table, Path target) {
    Path temp = target.resolveSibling(target.getFileName() + ".tmp");
    try (BufferAllocator snapshotAllocator = allocator.newChildAllocator("write " + target, 0, Long.MAX_VALUE)) {
      List<VectorSchemaRoot> batches = table.snapshot(snapshotAllocator);
      try (ArrowIpcFileWriter writer = ArrowIpcFileWriter.open(temp, table.schema())) {
        for (VectorSchemaRoot batch : batches) {
          writer.write(batch);
        }
      } finally {
        batches.forEach(VectorSchemaRoot::close);
      }
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new GleamException(ErrorCode.OUTPUT_FAILED, "cannot write table file " + target + ": " + e, e);
    }
  }

  private void read(Path file, MemoryTable table) {
    try (BufferAllocator readAllocator = allocator.newChildAllocator("read " + file, 0, Long.MAX_VALUE);
         FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
         ArrowFileReader reader = new ArrowFileReader(channel, readAllocator)) {
      for (ArrowBlock block : reader.getRecordBlocks()) {
        reader.loadRecordBatch(block);
        table.appendShared(reader.getVectorSchemaRoot());
      }
    } catch (IOException e) {
      throw new GleamException(ErrorCode.INPUT_NOT_FOUND, "cannot read the data of table " + table.id()
          + " from " + file + ": " + e, e);
    }
  }

  /** Frees every table and closes the allocator; fails if memory leaked. */
  @Override
  public void close() {
    for (String name : List.copyOf(loaded.keySet())) {
      release(name);
    }
    pending.clear();
    allocator.close();
  }
}
