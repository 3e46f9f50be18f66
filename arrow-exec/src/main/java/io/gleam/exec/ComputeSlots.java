package io.gleam.exec;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import java.util.concurrent.Semaphore;

/**
 * Limits how many tasks compute at once to the parallelism (the cores). A task thread holds a slot while it
 * computes and gives it up while it waits on an exchange, so waiting producers and consumers never starve each
 * other. Helper threads (a pipe step's writer) hold no slot, and their waits give nothing up.
 */
public final class ComputeSlots {
  private final Semaphore permits;
  private final ThreadLocal<Boolean> holding = ThreadLocal.withInitial(() -> false);

  public ComputeSlots(int parallelism) {
    this.permits = new Semaphore(parallelism, true);
  }

  public void acquire() {
    try {
      permits.acquire();
      holding.set(true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GleamException(ErrorCode.CANCELLED, "interrupted while waiting for a compute slot");
    }
  }

  public void release() {
    if (holding.get()) {
      holding.set(false);
      permits.release();
    }
  }

  /** Runs a blocking wait without holding a slot (if this thread held one, it is taken again afterwards). */
  public <T> T blocking(BlockingCall<T> call) throws InterruptedException {
    if (!holding.get()) {
      return call.call();
    }
    release();
    try {
      return call.call();
    } finally {
      acquire();
    }
  }

  /** A wait that may be interrupted. */
  @FunctionalInterface
  public interface BlockingCall<T> {
    T call() throws InterruptedException;
  }
}
