package io.gleam.exec.memory;

/**
 * Memory one operator holds, e.g. {@code Aggregate[stage 1, task 0]}. {@link #tryGrow} asks the pool for more;
 * a refusal is the operator's cue to spill. A reservation below the pool's minimum share is never refused, so an
 * operator whose budget the others hold still spills runs of a useful size (not one row each). Closing releases
 * everything. Memory is taken from the pool in chunks ({@link MemoryPool#chunk}) and handed out locally, so growing
 * by a row costs no shared write; the pool sees at most one chunk more than the operator holds. One task (thread)
 * owns a reservation.
 */
public final class MemoryReservation implements AutoCloseable {
  private final MemoryPool pool;
  private final String consumer;
  private long size;
  /** What this reservation has taken from the pool: at least {@link #size}. */
  private long granted;

  MemoryReservation(MemoryPool pool, String consumer) {
    this.pool = pool;
    this.consumer = consumer;
  }

  public boolean tryGrow(long bytes) {
    long need = size + bytes - granted;
    if (need <= 0) {
      size += bytes;
      return true;
    }
    long chunk = pool.chunk();
    long take = chunk > need && pool.tryReserve(chunk) ? chunk : pool.tryReserve(need) ? need : 0;
    if (take > 0) {
      granted += take;
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
    long need = size + bytes - granted;
    if (need > 0) {
      pool.forceReserve(need);
      granted += need;
    }
    size += bytes;
  }

  /** Gives back {@code bytes} of what this reservation holds (at most all of it). */
  public void shrink(long bytes) {
    size -= Math.min(bytes, size);
    if (granted - size > pool.chunk()) {
      pool.release(granted - size);
      granted = size;
    }
  }

  public void shrinkAll() {
    pool.release(granted);
    size = 0;
    granted = 0;
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
