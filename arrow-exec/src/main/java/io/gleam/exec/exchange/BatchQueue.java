package io.gleam.exec.exchange;

import io.gleam.exec.ComputeSlots;
import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A bounded queue of batches between tasks: a full queue blocks its producer (back pressure). A waiting task gives
 * its compute slot up. Producers end their stream with {@link #putEnd()}; the queue owns batches until taken.
 */
public final class BatchQueue implements BatchSource {
  private static final Object END = new Object();

  private final ArrayBlockingQueue<Object> queue;
  private final String name;
  private volatile boolean cancelled;
  private volatile boolean abandoned;

  public BatchQueue(String name, int capacity) {
    this.name = name;
    this.queue = new ArrayBlockingQueue<>(capacity);
  }

  public void put(VectorSchemaRoot batch, ComputeSlots slots) {
    putItem(batch, slots);
  }

  public void putEnd(ComputeSlots slots) {
    putItem(END, slots);
  }

  private void putItem(Object item, ComputeSlots slots) {
    if (abandoned && !cancelled) {
      closeItem(item);
      return;
    }
    if (queue.offer(item)) {
      // A cancel that drained the queue before this offer would leave the item behind: free it here.
      if (cancelled || abandoned) {
        drain();
      }
      return;
    }
    try {
      boolean done = slots.blocking(() -> {
        while (!cancelled && !abandoned) {
          if (queue.offer(item, 50, TimeUnit.MILLISECONDS)) {
            return true;
          }
        }
        return false;
      });
      if (!done) {
        closeItem(item);
        if (!cancelled) {
          return;
        }
        throw new GleamException(ErrorCode.CANCELLED, "exchange " + name + " was cancelled");
      }
      if (cancelled || abandoned) {
        drain();
      }
    } catch (InterruptedException e) {
      closeItem(item);
      Thread.currentThread().interrupt();
      throw new GleamException(ErrorCode.CANCELLED, "interrupted writing to exchange " + name);
    }
  }

  /** The next batch, or null when a producer's stream ended. */
  @Override
  public VectorSchemaRoot take(ComputeSlots slots) {
    Object item = queue.poll();
    if (item == null) {
      try {
        item = slots.blocking(() -> {
          while (!cancelled) {
            Object i = queue.poll(50, TimeUnit.MILLISECONDS);
            if (i != null) {
              return i;
            }
          }
          return null;
        });
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new GleamException(ErrorCode.CANCELLED, "interrupted reading exchange " + name);
      }
      if (item == null) {
        throw new GleamException(ErrorCode.CANCELLED, "exchange " + name + " was cancelled");
      }
    }
    return item == END ? null : (VectorSchemaRoot) item;
  }

  /**
   * The reader needs no more batches (it stopped early, as a limit does): what is queued is freed, and from now on
   * producers drop their batches instead of waiting for room, so they can finish.
   */
  @Override
  public void abandon() {
    abandoned = true;
    drain();
  }

  /** Wakes waiters and frees every batch still queued. */
  public void cancel() {
    cancelled = true;
    drain();
  }

  private void drain() {
    Object item;
    while ((item = queue.poll()) != null) {
      closeItem(item);
    }
  }

  private static void closeItem(Object item) {
    if (item instanceof VectorSchemaRoot root) {
      root.close();
    }
  }
}
