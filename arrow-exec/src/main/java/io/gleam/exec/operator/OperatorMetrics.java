package io.gleam.exec.operator;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counters an operator keeps: rows and batches out, spill files and spilled bytes. The operator's one thread writes
 * them with plain read-and-release-store updates (no atomic read-modify-write, which row-at-a-time operators would
 * pay for every row); any thread may read them.
 */
public final class OperatorMetrics {
  private final AtomicLong rowsOut = new AtomicLong();
  private final AtomicLong batchesOut = new AtomicLong();
  private final AtomicLong spills = new AtomicLong();
  private final AtomicLong spilledBytes = new AtomicLong();

  public void addRows(long n) {
    add(rowsOut, n);
  }

  public void addBatch(int rows) {
    add(batchesOut, 1);
    add(rowsOut, rows);
  }

  public void addSpill(long bytes) {
    add(spills, 1);
    add(spilledBytes, bytes);
  }

  private static void add(AtomicLong counter, long n) {
    counter.setRelease(counter.getPlain() + n);
  }

  public long rowsOut() {
    return rowsOut.get();
  }

  public long batchesOut() {
    return batchesOut.get();
  }

  public long spills() {
    return spills.get();
  }

  public long spilledBytes() {
    return spilledBytes.get();
  }

  @Override
  public String toString() {
    return "rows=" + rowsOut + " batches=" + batchesOut + (spills.get() > 0 ? " spills=" + spills + " spilledBytes=" + spilledBytes : "");
  }
}
