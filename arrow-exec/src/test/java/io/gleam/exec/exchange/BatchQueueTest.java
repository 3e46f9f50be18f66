package io.gleam.exec.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.gleam.exec.ComputeSlots;
import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.planner.Schemas;
import java.time.Duration;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bounded queue between tasks: back pressure, end markers, cancel and abandon free every batch. */
class BatchQueueTest {
  private final BufferAllocator allocator = new RootAllocator();
  private final ComputeSlots slots = new ComputeSlots(1);

  @AfterEach
  void close() {
    allocator.close();
  }

  private VectorSchemaRoot batch(long value) {
    VectorSchemaRoot root = VectorSchemaRoot.create(Schemas.parse("v bigint"), allocator);
    BigIntVector v = (BigIntVector) root.getVector(0);
    v.allocateNew(1);
    v.set(0, value);
    root.setRowCount(1);
    return root;
  }

  @Test
  void fifoWithEndMarker() {
    BatchQueue q = new BatchQueue("test", 4);
    q.put(batch(1), slots);
    q.put(batch(2), slots);
    q.putEnd(slots);
    for (long want = 1; want <= 2; want++) {
      try (VectorSchemaRoot b = q.take(slots)) {
        assertEquals(want, ((BigIntVector) b.getVector(0)).get(0));
      }
    }
    assertNull(q.take(slots));
  }

  @Test
  void fullQueueBlocksUntilCancelledAndFreesTheBatch() throws Exception {
    BatchQueue q = new BatchQueue("test", 1);
    q.put(batch(1), slots);
    Thread canceller = new Thread(() -> {
      sleep(200);
      q.cancel();
    });
    canceller.start();
    // The blocked put ends either with CANCELLED or, if the cancel made room first, by freeing its batch.
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      try {
        q.put(batch(2), slots);
      } catch (GleamException e) {
        assertEquals(ErrorCode.CANCELLED, e.code());
      }
    });
    canceller.join();
    GleamException e = assertThrows(GleamException.class, () -> q.take(slots));
    assertEquals(ErrorCode.CANCELLED, e.code(), "a reader of a cancelled queue is woken too");
    assertEquals(0, allocator.getAllocatedMemory(), "both batches freed");
  }

  @Test
  void putAfterCancelFreesTheBatch() {
    BatchQueue q = new BatchQueue("test", 4);
    q.cancel();
    q.put(batch(1), slots);
    assertEquals(0, allocator.getAllocatedMemory());
  }

  @Test
  void abandonedQueueDropsWhatProducersSend() throws Exception {
    BatchQueue q = new BatchQueue("test", 1);
    q.put(batch(1), slots);
    Thread reader = new Thread(() -> {
      sleep(200);
      q.abandon();
    });
    reader.start();
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      for (int i = 0; i < 100; i++) {
        q.put(batch(i), slots);
      }
      q.putEnd(slots);
    });
    reader.join();
    assertEquals(0, allocator.getAllocatedMemory());
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
