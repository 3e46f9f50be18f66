package io.gleam.planner.spi;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * How to run a flow.
 *
 * @param parallelism compute threads (the cores, by default)
 * @param memoryBudgetBytes memory that aggregates, joins and sorts of one run may hold before they spill
 * @param spillDirectory where spill files go
 * @param batchRows rows per Arrow batch read from sources
 */
public record RunOptions(int parallelism, long memoryBudgetBytes, Path spillDirectory, int batchRows) {
  public RunOptions {
    requireNonNull(spillDirectory, "spillDirectory is null");
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
    }
    if (memoryBudgetBytes < 1) {
      throw new IllegalArgumentException("memoryBudgetBytes must be positive, got " + memoryBudgetBytes);
    }
    if (batchRows < 1) {
      throw new IllegalArgumentException("batchRows must be positive, got " + batchRows);
    }
  }

  /** Cores as parallelism, a quarter of the max heap as budget, the system temp directory for spills. */
  public static RunOptions defaults() {
    return new RunOptions(Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / 4,
        Path.of(System.getProperty("java.io.tmpdir")), 8192);
  }

  public RunOptions withMemoryBudget(long bytes) {
    return new RunOptions(parallelism, bytes, spillDirectory, batchRows);
  }

  public RunOptions withParallelism(int n) {
    return new RunOptions(n, memoryBudgetBytes, spillDirectory, batchRows);
  }

  public RunOptions withSpillDirectory(Path dir) {
    return new RunOptions(parallelism, memoryBudgetBytes, dir, batchRows);
  }

  public RunOptions withBatchRows(int rows) {
    return new RunOptions(parallelism, memoryBudgetBytes, spillDirectory, rows);
  }
}
