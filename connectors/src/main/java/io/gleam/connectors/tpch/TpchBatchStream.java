package io.gleam.connectors.tpch;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.planner.spi.BatchStream;
import io.trino.tpch.TpchEntity;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Fills batches from a generator's rows on the caller's thread, one new {@link VectorSchemaRoot} per batch, handed
 * to the caller. A batch's rows are generated first, then copied into the vectors a column at a time. Memory: the
 * batch being filled, sized to its rows, and the generated row objects of one batch; the stream itself holds no Arrow
 * memory between batches.
 */
final class TpchBatchStream<E extends TpchEntity> implements BatchStream {
  private static final int INITIAL_BUFFER_ROWS = 1024;

  private final String label;
  private final TableLayout<E> layout;
  private final Iterator<E> rows;
  private final BufferAllocator allocator;
  private final int batchRows;
  private E[] buffered;
  private boolean done;

  TpchBatchStream(String label, TableLayout<E> layout, Iterator<E> rows, BufferAllocator allocator, int batchRows) {
    this.label = label;
    this.layout = layout;
    this.rows = rows;
    this.allocator = allocator;
    this.batchRows = batchRows;
    @SuppressWarnings("unchecked")
    E[] buffer = (E[]) new TpchEntity[Math.min(batchRows, INITIAL_BUFFER_ROWS)];
    this.buffered = buffer;
  }

  @Override
  public Schema schema() {
    return layout.schema();
  }

  @Override
  public Optional<VectorSchemaRoot> next() {
    if (done || !rows.hasNext()) {
      done = true;
      return Optional.empty();
    }
    VectorSchemaRoot batch = VectorSchemaRoot.create(layout.schema(), allocator);
    boolean handedOut = false;
    try {
      int count = 0;
      while (count < batchRows && rows.hasNext()) {
        if (count == buffered.length) {
          buffered = Arrays.copyOf(buffered, (int) Math.min(batchRows, 2L * count));
        }
        buffered[count++] = rows.next();
      }
      List<TpchField<E>> fields = layout.fields();
      for (int c = 0; c < fields.size(); c++) {
        TpchField<E> field = fields.get(c);
        field.allocate(batch.getVector(c), count);
        field.fill(batch.getVector(c), buffered, count);
      }
      batch.setRowCount(count);
      handedOut = true;
      return Optional.of(batch);
    } catch (OutOfMemoryException e) {
      done = true;
      throw new GleamException(ErrorCode.EXCEEDED_MEMORY, label + ": a batch of up to " + batchRows
          + " rows does not fit in allocator '" + allocator.getName() + "'", e);
    } finally {
      Arrays.fill(buffered, null);
      if (!handedOut) {
        batch.close();
      }
    }
  }

  @Override
  public void close() {
    done = true;
  }

  @Override
  public String toString() {
    return label;
  }
}
