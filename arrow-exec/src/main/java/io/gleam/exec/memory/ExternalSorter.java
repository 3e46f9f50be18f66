package io.gleam.exec.memory;

import io.gleam.exec.operator.OperatorMetrics;
import io.gleam.exec.operator.RowStream;
import io.gleam.exec.rows.RowSizes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Sorts rows within a memory reservation. Rows are buffered while the reservation grows; when it is refused the
 * buffer is sorted and spilled as a run to an Arrow IPC file. {@link #sorted()} returns the buffer sorted in memory
 * when nothing spilled, else a k-way merge of all runs. When {@value #MAX_RUNS} runs have piled up they are merged
 * into one, so no merge opens more files than that. Memory: the buffered rows, at most the budget (and at least
 * one row).
 */
public final class ExternalSorter implements AutoCloseable {
  /** The most spill files one merge reads at once. */
  static final int MAX_RUNS = 64;

  private final Schema schema;
  private final Comparator<Object[]> order;
  private final MemoryReservation reservation;
  private final Path spillDir;
  private final BufferAllocator allocator;
  private final int batchRows;
  private final OperatorMetrics metrics;
  private final List<Object[]> buffer = new ArrayList<>();
  private final List<SpillFile> runs = new ArrayList<>();
  private int spills;

  public ExternalSorter(Schema schema, Comparator<Object[]> order, MemoryReservation reservation, Path spillDir,
      BufferAllocator allocator, int batchRows, OperatorMetrics metrics) {
    this.schema = schema;
    this.order = order;
    this.reservation = reservation;
    this.spillDir = spillDir;
    this.allocator = allocator;
    this.batchRows = batchRows;
    this.metrics = metrics;
  }

  public void add(Object[] row) {
    long size = RowSizes.estimate(row);
    if (!reservation.tryGrow(size)) {
      if (!buffer.isEmpty()) {
        spill();
      }
      if (!reservation.tryGrow(size)) {
        reservation.growUnchecked(size);
      }
    }
    buffer.add(row);
  }

  public boolean hasSpilled() {
    return !runs.isEmpty();
  }

  /** How many sorted runs went to spill files so far. */
  public int spilledRuns() {
    return spills;
  }

  private void spill() {
    buffer.sort(order);
    SpillFile run = SpillFile.write(spillDir, reservation.consumer(), schema, buffer.iterator(), allocator, batchRows);
    spills++;
    metrics.addSpill(run.bytes());
    runs.add(run);
    buffer.clear();
    reservation.shrinkAll();
    if (runs.size() >= MAX_RUNS) {
      mergeRuns();
    }
  }

  /** Replaces all runs by one run of their merged rows. */
  private void mergeRuns() {
    List<RowStream> readers = new ArrayList<>();
    for (SpillFile run : runs) {
      readers.add(run.reader());
    }
    KWayMerge merge = new KWayMerge(readers, order);
    Iterator<Object[]> rows = new Iterator<>() {
      private Object[] next = merge.nextRow();

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public Object[] next() {
        Object[] r = next;
        next = merge.nextRow();
        return r;
      }
    };
    SpillFile merged = SpillFile.write(spillDir, reservation.consumer(), schema, rows, allocator, batchRows);
    for (SpillFile run : runs) {
      run.close();
    }
    runs.clear();
    runs.add(merged);
  }

  /** All rows added, in order. Call once, after the last {@link #add}. */
  public RowStream sorted() {
    buffer.sort(order);
    if (runs.isEmpty()) {
      return new RowStream() {
        private int i;

        @Override
        public Object[] nextRow() {
          if (i >= buffer.size()) {
            return null;
          }
          Object[] r = buffer.get(i);
          buffer.set(i++, null);
          return r;
        }
      };
    }
    if (!buffer.isEmpty()) {
      spill();
    }
    List<RowStream> readers = new ArrayList<>();
    for (SpillFile run : runs) {
      readers.add(run.reader());
    }
    return new KWayMerge(readers, order);
  }

  @Override
  public void close() {
    buffer.clear();
    reservation.close();
    RuntimeException failure = null;
    for (SpillFile run : runs) {
      try {
        run.close();
      } catch (RuntimeException e) {
        failure = failure == null ? e : failure;
      }
    }
    runs.clear();
    if (failure != null) {
      throw failure;
    }
  }
}
