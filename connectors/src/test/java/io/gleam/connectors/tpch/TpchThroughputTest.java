package io.gleam.connectors.tpch;

import io.gleam.planner.spi.BatchStream;
import io.trino.tpch.LineItem;
import io.trino.tpch.LineItemGenerator;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generation throughput of lineitem at SF 0.1 into Arrow batches with 1 and 2 shards in parallel, and of the bare
 * generator for comparison, in rows per wall-clock second and per CPU second (the second is steadier on a busy
 * machine). Off by default; run with {@code -Dtest=TpchThroughputTest -Dgleam.tpch.throughput=true}.
 */
@EnabledIfSystemProperty(named = "gleam.tpch.throughput", matches = "true")
class TpchThroughputTest {
  private static final Logger LOG = LoggerFactory.getLogger(TpchThroughputTest.class);
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final double SCALE_FACTOR = 0.1;

  private final BufferAllocator allocator = new RootAllocator();

  /** Rows generated and the CPU time they took. */
  private record Work(long rows, long cpuNanos) {}

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  @Test
  void lineitemRowsPerSecond() throws Exception {
    long start = System.nanoTime();
    drain(0.001, 0, 1);
    LOG.info("first stream (builds the text pool): {} ms", (System.nanoTime() - start) / 1_000_000);
    drain(SCALE_FACTOR, 0, 1);
    for (int round = 0; round < 3; round++) {
      long wall = System.nanoTime();
      Work bare = generateOnly();
      report("bare generator, 1 thread", List.of(bare), System.nanoTime() - wall);
      for (int shards : new int[] {1, 2}) {
        measure(shards);
      }
    }
  }

  private void measure(int shardCount) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(shardCount);
    try {
      long start = System.nanoTime();
      List<Future<Work>> futures = new ArrayList<>();
      for (int shard = 0; shard < shardCount; shard++) {
        int s = shard;
        futures.add(pool.submit(() -> drain(SCALE_FACTOR, s, shardCount)));
      }
      List<Work> shards = new ArrayList<>();
      for (Future<Work> f : futures) {
        shards.add(f.get());
      }
      report("Arrow, " + shardCount + " shard(s) in parallel", shards, System.nanoTime() - start);
    } finally {
      pool.shutdown();
    }
  }

  private static void report(String what, List<Work> shards, long wallNanos) {
    long rows = shards.stream().mapToLong(Work::rows).sum();
    long cpu = shards.stream().mapToLong(Work::cpuNanos).sum();
    LOG.info("lineitem sf{} {}: {} rows in {} s, {} rows/s, {} rows per CPU second", SCALE_FACTOR, what, rows,
        String.format("%.2f", wallNanos / 1e9), String.format("%,.0f", rows / (wallNanos / 1e9)),
        String.format("%,.0f", rows / (cpu / 1e9)));
  }

  /** The generator alone, every column read so that nothing is optimized away. */
  private static Work generateOnly() {
    long cpu = THREADS.getCurrentThreadCpuTime();
    long rows = 0;
    long checksum = 0;
    for (LineItem l : new LineItemGenerator(SCALE_FACTOR, 1, 1)) {
      checksum += l.getOrderKey() + l.getPartKey() + l.getSupplierKey() + l.getLineNumber() + l.getQuantity()
          + l.getExtendedPriceInCents() + l.getDiscountPercent() + l.getTaxPercent() + l.getShipDate()
          + l.getCommitDate() + l.getReceiptDate() + l.getReturnFlag().length() + l.getStatus().length()
          + l.getShipInstructions().length() + l.getShipMode().length() + l.getComment().length();
      rows++;
    }
    LOG.debug("checksum {}", checksum);
    return new Work(rows, THREADS.getCurrentThreadCpuTime() - cpu);
  }

  private Work drain(double scaleFactor, int shard, int shardCount) {
    long cpu = THREADS.getCurrentThreadCpuTime();
    long rows = 0;
    try (BufferAllocator child = allocator.newChildAllocator("shard-" + shard, 0, Long.MAX_VALUE);
        BatchStream stream = TpchSource.open("lineitem", scaleFactor, shard, shardCount, child,
            TpchSource.DEFAULT_BATCH_ROWS)) {
      for (Optional<VectorSchemaRoot> b = stream.next(); b.isPresent(); b = stream.next()) {
        try (VectorSchemaRoot batch = b.get()) {
          rows += batch.getRowCount();
        }
      }
    }
    return new Work(rows, THREADS.getCurrentThreadCpuTime() - cpu);
  }
}
