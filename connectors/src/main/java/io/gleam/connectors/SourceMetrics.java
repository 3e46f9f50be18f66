package io.gleam.connectors;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What a source stream has read so far: rows and batches handed out, bytes consumed (uncompressed), splits opened,
 * and malformed rows skipped. The stream's thread updates it once per batch; any thread may read it.
 */
public final class SourceMetrics {
  private final AtomicLong rows = new AtomicLong();
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong splits = new AtomicLong();
  private final AtomicLong skippedRows = new AtomicLong();
  private final AtomicReference<String> firstSkipped = new AtomicReference<>();

  public long rows() {
    return rows.get();
  }

  public long batches() {
    return batches.get();
  }

  /** Bytes of input consumed, counting a compressed file's bytes after decompression. */
  public long bytes() {
    return bytes.get();
  }

  /** File splits opened. */
  public long splits() {
    return splits.get();
  }

  /** Malformed rows skipped under {@code OnError.SKIP}. */
  public long skippedRows() {
    return skippedRows.get();
  }

  /** What was wrong with the first skipped row, naming the file and byte offset. */
  public Optional<String> firstSkipped() {
    return Optional.ofNullable(firstSkipped.get());
  }

  public void addBatch(int batchRows) {
    rows.addAndGet(batchRows);
    batches.incrementAndGet();
  }

  void addBytes(long n) {
    bytes.addAndGet(n);
  }

  void addSplit() {
    splits.incrementAndGet();
  }

  /** Counts a skipped row; true if it is the first. */
  boolean addSkipped(String description) {
    skippedRows.incrementAndGet();
    return firstSkipped.compareAndSet(null, description);
  }

  @Override
  public String toString() {
    return "rows=" + rows() + " batches=" + batches() + " bytes=" + bytes() + " splits=" + splits()
        + " skipped=" + skippedRows();
  }
}
