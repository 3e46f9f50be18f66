package io.gleam.exec.memory;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A run's memory budget for operators that hold data (aggregate, join build, sort). Operators reserve through a
 * named {@link MemoryReservation} before buffering; when a reservation is refused they spill.
 */
public final class MemoryPool {
  private static final int MINIMUM_SHARE_DIVISOR = 16;

  private final long budget;
  private final AtomicLong reserved = new AtomicLong();
  private final AtomicLong peak = new AtomicLong();

  public MemoryPool(long budget) {
    this.budget = budget;
  }

  public MemoryReservation reservation(String consumer) {
    return new MemoryReservation(this, consumer);
  }

  boolean tryReserve(long bytes) {
    while (true) {
      long current = reserved.get();
      if (current + bytes > budget) {
        return false;
      }
      if (reserved.compareAndSet(current, current + bytes)) {
        peak.accumulateAndGet(current + bytes, Math::max);
        return true;
      }
    }
  }

  void forceReserve(long bytes) {
    peak.accumulateAndGet(reserved.addAndGet(bytes), Math::max);
  }

  void release(long bytes) {
    reserved.addAndGet(-bytes);
  }

  public long budget() {
    return budget;
  }

  /**
   * What one reservation may always hold, even past the budget: a sixteenth of it. Without a floor, an operator
   * refused because other operators hold the budget would spill a run for every row it adds, and a merge of that
   * many runs would run out of open files.
   */
  public long minimumShare() {
    return budget / MINIMUM_SHARE_DIVISOR;
  }

  /**
   * How much a reservation takes from the pool at a time: a 256th of the budget, at most 1 MiB. Operators grow
   * their reservations row by row; taking chunks keeps them off the pool's shared counter, which the tasks of a
   * run would otherwise all update for every row.
   */
  long chunk() {
    return Math.min(1L << 20, budget / 256);
  }

  public long reserved() {
    return reserved.get();
  }

  public long peak() {
    return peak.get();
  }
}
