package io.gleam.exec.operator;

import java.util.concurrent.atomic.AtomicLong;

/** Counters an operator keeps: rows and batches out, spill files and spilled bytes. */
public final class OperatorMetrics {
  private final AtomicLong rowsOut = new AtomicLong();
  private final AtomicLong batchesOut = new AtomicLong();
  private final AtomicLong spills = new AtomicLong();
  private final AtomicLong spilledBytes = new AtomicLong();

  public void addRows(long n) {
    rowsOut.addAndGet(n);
  }

  public void addBatch(int rows) {
    batchesOut.incrementAndGet();
    rowsOut.addAndGet(rows);
  }

  public void addSpill(long bytes) {
    spills.incrementAndGet();
    spilledBytes.addAndGet(bytes);
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
