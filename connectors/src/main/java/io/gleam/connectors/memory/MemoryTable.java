package io.gleam.connectors.memory;

import static java.util.Objects.requireNonNull;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.planner.Schemas;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.util.AutoCloseables;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The rows of one table as Arrow batches held in memory, owned by the table's own allocator (a child of
 * {@link ProcessAllocator#root()} or of an allocator the caller gives) and freed by {@link #close()}.
 *
 * <p>Appending a batch copies each column with one memory copy per buffer into buffers of just the size its rows
 * use ({@link BatchSharing#compact}): operators' batches often hold twice that (validity and values allocated
 * together, rounded up to powers of two, or rows filtered out), and a table keeps its batches for long. Batches
 * that are already compact (read from an Arrow file, or from another table) are shared by reference count. Readers take a
 * {@link #snapshot()}: the batches as of that moment, each shared into the reader's allocator, so a table can be
 * appended to, or closed, while a query reads an earlier snapshot. Safe for concurrent use.
 */
public final class MemoryTable implements AutoCloseable {
  private final String id;
  private final Schema schema;
  private final BufferAllocator allocator;
  private final List<VectorSchemaRoot> batches = new ArrayList<>();
  private long rows;
  private boolean closed;

  /**
   * An empty table of {@code schema} named {@code id}, allocating from a new child of {@code parent} that the table
   * owns.
   */
  public MemoryTable(String id, Schema schema, BufferAllocator parent) {
    this.id = requireNonNull(id, "id is null");
    this.schema = requireNonNull(schema, "schema is null");
    this.allocator = requireNonNull(parent, "parent is null").newChildAllocator("table " + id, 0, Long.MAX_VALUE);
  }

  public String id() {
    return id;
  }

  public Schema schema() {
    return schema;
  }

  /** The rows appended so far. */
  public synchronized long rowCount() {
    return rows;
  }

  /** The batches held. */
  public synchronized int batchCount() {
    return batches.size();
  }

  /** The bytes of Arrow memory the table holds now. */
  public long allocatedBytes() {
    return allocator.getAllocatedMemory();
  }

  /**
   * Appends the rows of {@code batch}, whose columns must have this table's types in order, compacted; the caller
   * keeps {@code batch}. Empty batches are dropped.
   */
  public void append(VectorSchemaRoot batch) {
    append(batch, true);
  }

  private void append(VectorSchemaRoot batch, boolean compact) {
    requireNonNull(batch, "batch is null");
    checkTypes(batch.getSchema());
    if (batch.getRowCount() == 0) {
      return;
    }
    VectorSchemaRoot mine = compact ? BatchSharing.compact(batch, schema, allocator)
        : BatchSharing.share(batch, schema, allocator);
    synchronized (this) {
      if (closed) {
        mine.close();
        throw new GleamException(ErrorCode.INTERNAL, "table " + id + " is closed");
      }
      batches.add(mine);
      rows += mine.getRowCount();
    }
  }

  /** Appends every batch of {@code other} (a table of the same types), sharing its buffers. */
  public void appendAll(MemoryTable other) {
    for (VectorSchemaRoot batch : other.snapshot(allocator)) {
      try (batch) {
        append(batch, false);
      }
    }
  }

  /**
   * The batches as of now, each a new root of {@link #schema()} allocated from {@code into} that shares this
   * table's buffers; the caller owns (and closes) them all.
   */
  public synchronized List<VectorSchemaRoot> snapshot(BufferAllocator into) {
    return snapshot(into, 0, 1);
  }

  /**
   * The batches of shard {@code shard} of {@code shards} as of now: those whose first row falls in the shard's
   * share of the rows, so shards get about equal rows, in the table's order; shared as {@link #snapshot(BufferAllocator)}
   * shares them, and only those.
   */
  public synchronized List<VectorSchemaRoot> snapshot(BufferAllocator into, int shard, int shards) {
    return snapshot(into, shard, shards, null, schema);
  }

  /**
   * As {@link #snapshot(BufferAllocator, int, int)}, but only columns {@code columns} (all when null), as batches of
   * {@code projected}: a query that reads three of lineitem's sixteen columns shares three.
   */
  public synchronized List<VectorSchemaRoot> snapshot(BufferAllocator into, int shard, int shards, int[] columns,
      Schema projected) {
    if (closed) {
      throw new GleamException(ErrorCode.INTERNAL, "table " + id + " is closed");
    }
    List<VectorSchemaRoot> out = new ArrayList<>();
    boolean success = false;
    try {
      long before = 0;
      for (VectorSchemaRoot batch : batches) {
        int owner = rows == 0 ? 0 : (int) Math.min(shards - 1, before * shards / rows);
        before += batch.getRowCount();
        if (owner == shard) {
          out.add(columns == null ? BatchSharing.share(batch, schema, into)
              : BatchSharing.shareColumns(batch, columns, projected, into));
        }
      }
      success = true;
      return out;
    } finally {
      if (!success) {
        out.forEach(VectorSchemaRoot::close);
      }
    }
  }

  /** Appends the rows of {@code batch} sharing its buffers as they are (a batch read from an Arrow file, say). */
  public void appendShared(VectorSchemaRoot batch) {
    append(batch, false);
  }

  /** The row counts of the batches, in order. */
  public synchronized long[] batchRows() {
    long[] counts = new long[batches.size()];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = batches.get(i).getRowCount();
    }
    return counts;
  }

  private void checkTypes(Schema other) {
    List<Field> mine = schema.getFields();
    List<Field> theirs = other.getFields();
    boolean same = mine.size() == theirs.size();
    for (int i = 0; same && i < mine.size(); i++) {
      same = mine.get(i).getType().equals(theirs.get(i).getType());
    }
    if (!same) {
      throw new GleamException(ErrorCode.INTERNAL, "table " + id + " of (" + Schemas.render(schema)
          + ") cannot take a batch of (" + Schemas.render(other) + ")");
    }
  }

  /** Frees the batches and closes the table's allocator; readers' snapshots stay valid. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      AutoCloseables.close(batches);
      batches.clear();
      allocator.close();
    } catch (Exception e) {
      throw new GleamException(ErrorCode.INTERNAL, "closing table " + id + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "MemoryTable[" + id + ", rows=" + rowCount() + "]";
  }
}
