package io.gleam.exec.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gleam.exec.ComputeSlots;
import io.gleam.exec.memory.MemoryPool;
import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.planner.Schemas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log behind a shared output: every reader reads every batch in order, at its own pace; a lagging reader's
 * batches spill past the budget and come back equal; cancel and abandon free everything.
 */
class SharedBatchLogTest {
  private static final Duration LIMIT = Duration.ofSeconds(30);
  private final BufferAllocator allocator = new RootAllocator();
  private final ComputeSlots slots = new ComputeSlots(1);

  @TempDir
  Path spillDir;

  @AfterEach
  void close() throws IOException {
    allocator.close();
    try (Stream<Path> left = Files.list(spillDir)) {
      assertEquals(List.of(), left.toList(), "spill files left behind");
    }
  }

  private SharedBatchLog log(int readers, long budget, int unreserved, int blockAtLag) {
    return SharedBatchLog.builder("test")
        .readers(readers)
        .unreservedBatches(unreserved)
        .blockAtLag(blockAtLag)
        .reservation(new MemoryPool(budget).reservation("Exchange[test]"))
        .spillDirectory(spillDir)
        .allocator(allocator)
        .build();
  }

  /** A batch of 100 rows: v = first..first+99, s = "row" + v, every seventh s NULL. */
  private VectorSchemaRoot batch(long first) {
    VectorSchemaRoot root = VectorSchemaRoot.create(Schemas.parse("v bigint, s string"), allocator);
    BigIntVector v = (BigIntVector) root.getVector(0);
    VarCharVector s = (VarCharVector) root.getVector(1);
    v.allocateNew(100);
    s.allocateNew(100);
    for (int i = 0; i < 100; i++) {
      v.set(i, first + i);
      if ((first + i) % 7 == 0) {
        s.setNull(i);
      } else {
        s.setSafe(i, ("row" + (first + i)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    v.setValueCount(100);
    s.setValueCount(100);
    root.setRowCount(100);
    return root;
  }

  /** Reads a reader to its end marker, checking the rows are first, first+1, ... with the string column intact. */
  private static long readAll(BatchSource source, ComputeSlots slots) {
    long next = 0;
    VectorSchemaRoot taken;
    while ((taken = source.take(slots)) != null) {
      try (VectorSchemaRoot b = taken) {
        BigIntVector v = (BigIntVector) b.getVector(0);
        VarCharVector s = (VarCharVector) b.getVector(1);
        for (int i = 0; i < b.getRowCount(); i++) {
          assertEquals(next, v.get(i));
          assertEquals(next % 7 == 0 ? null : "row" + next, s.isNull(i) ? null : new String(s.get(i),
              java.nio.charset.StandardCharsets.UTF_8));
          next++;
        }
      }
    }
    return next;
  }

  @Test
  void aReaderThatStartsAfterTheEndStillReadsEverythingFromTheSpillFile() {
    // No waiting on lag here: nobody reads until the producer is done (a reader busy elsewhere).
    SharedBatchLog log = log(2, 4096, 2, 0);
    for (int i = 0; i < 50; i++) {
      log.put(batch(i * 100L), slots);
    }
    log.putEnd();
    assertTrue(log.spilledBatches() > 40, "spilled " + log.spilledBatches());
    // Reader 0 reads it all first, then reader 1: what a self-join's build and probe sides do.
    assertEquals(5000, readAll(log.reader(0), slots));
    assertEquals(5000, readAll(log.reader(1), slots));
    log.close();
  }

  @Test
  void readersAtDifferentPacesNeverDeadlockTheProducer() throws Exception {
    SharedBatchLog log = log(3, 1 << 20, 4, 4);
    List<Thread> readers = new ArrayList<>();
    long[] counts = new long[3];
    for (int r = 0; r < 3; r++) {
      int reader = r;
      Thread t = new Thread(() -> {
        ComputeSlots own = new ComputeSlots(1);
        if (reader == 2) {
          sleep(300); // starts late: the producer must not wait for it while the others keep up
        }
        counts[reader] = readAll(log.reader(reader), own);
      });
      readers.add(t);
      t.start();
    }
    assertTimeoutPreemptively(LIMIT, () -> {
      for (int i = 0; i < 200; i++) {
        log.put(batch(i * 100L), slots);
      }
      log.putEnd();
      for (Thread t : readers) {
        t.join();
      }
    });
    assertEquals(20_000, counts[0]);
    assertEquals(20_000, counts[1]);
    assertEquals(20_000, counts[2]);
    log.close();
  }

  @Test
  void theProducerWaitsOnlyWhileEveryReaderLags() throws Exception {
    SharedBatchLog log = log(1, 1 << 20, 2, 2);
    log.put(batch(0), slots);
    log.put(batch(100), slots);
    Thread reader = new Thread(() -> {
      sleep(300);
      try (VectorSchemaRoot b = log.reader(0).take(new ComputeSlots(1))) {
        assertEquals(100, b.getRowCount());
      }
    });
    reader.start();
    long start = System.nanoTime();
    log.put(batch(200), slots);
    long waitedMillis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(waitedMillis >= 200, "the third put waited for the reader: " + waitedMillis + " ms");
    reader.join();
    log.close();
  }

  @Test
  void abandonedReadersFreeTheirBatchesAndTheLastOneDropsWhatComes() {
    SharedBatchLog log = log(2, 4096, 1, 0);
    for (int i = 0; i < 10; i++) {
      log.put(batch(i * 100L), slots);
    }
    log.reader(0).abandon();
    assertEquals(1000, allocatorRowsRead(log.reader(1), 10));
    log.reader(1).abandon();
    log.put(batch(1000), slots); // no reader left: dropped, not held
    assertEquals(0, allocator.getAllocatedMemory());
    log.close();
  }

  private long allocatorRowsRead(BatchSource source, int batches) {
    long rows = 0;
    for (int i = 0; i < batches; i++) {
      try (VectorSchemaRoot b = source.take(slots)) {
        rows += b.getRowCount();
      }
    }
    return rows;
  }

  @Test
  void closeFreesEverythingAndWakesAWaitingReader() throws Exception {
    SharedBatchLog log = log(2, 4096, 1, 0);
    for (int i = 0; i < 10; i++) {
      log.put(batch(i * 100L), slots);
    }
    assertTrue(log.spilledBatches() > 0);
    GleamException[] failure = new GleamException[1];
    Thread waiting = new Thread(() -> {
      ComputeSlots own = new ComputeSlots(1);
      BatchSource r = log.reader(0);
      try {
        while (true) {
          r.take(own).close();
        }
      } catch (GleamException e) {
        failure[0] = e;
      }
    });
    waiting.start();
    sleep(200);
    log.close();
    waiting.join(5000);
    assertEquals(ErrorCode.CANCELLED, failure[0].code());
    assertEquals(0, allocator.getAllocatedMemory());
    assertThrows(GleamException.class, () -> log.put(batch(0), slots));
    assertNull(log.poll(1));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
