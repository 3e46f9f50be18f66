package io.gleam.exec.memory;

/**
 * Memory one operator holds, e.g. {@code Aggregate[stage 1, task 0]}. {@link #tryGrow} asks the pool for more;
 * a refusal is the operator's cue to spill. A reservation below the pool's minimum share is never refused, so an
 * operator whose budget the others hold still spills runs of a useful size (not one row each). Closing releases
 * everything.
 */
public final class MemoryReservation implements AutoCloseable {
  private final MemoryPool pool;
  private final String consumer;
  private long size;

  MemoryReservation(MemoryPool pool, String consumer) {
    this.pool = pool;
    this.consumer = consumer;
  }

  public boolean tryGrow(long bytes) {
    if (pool.tryReserve(bytes)) {
      size += bytes;
      return true;
    }
    if (size + bytes <= pool.minimumShare()) {
      growUnchecked(bytes);
      return true;
    }
    return false;
  }

  /** Grows even past the budget: for the minimum an operator needs to make progress. */
  public void growUnchecked(long bytes) {
    pool.forceReserve(bytes);
    size += bytes;
  }

  /** Gives back {@code bytes} of what this reservation holds (at most all of it). */
  public void shrink(long bytes) {
    long n = Math.min(bytes, size);
    pool.release(n);
    size -= n;
  }

  public void shrinkAll() {
    pool.release(size);
    size = 0;
  }

  public long size() {
    return size;
  }

  public String consumer() {
    return consumer;
  }

  @Override
  public void close() {
    shrinkAll();
  }
}
