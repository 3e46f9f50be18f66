package io.gleam.connectors.tpch;

import static java.util.Objects.requireNonNull;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.planner.spi.BatchStream;
import io.trino.tpch.TpchEntity;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Opens one shard of a TPC-H table as a stream of Arrow batches, generated on the fly by the dbgen-compatible
 * generators of {@code io.trino.tpch}, so the rows are those of the reference {@code dbgen} at the same scale factor.
 *
 * <p>Sharding: the generator of a scaled table is split into {@code shardCount} contiguous, nearly equal ranges of
 * its base rows (parts for part and partsupp, orders for orders and lineitem, ...); each shard seeks its random
 * streams to its start, so shards can be generated in parallel and together give exactly the rows of one shard, in
 * the same order when read shard after shard. Nation (25 rows) and region (5 rows) are not split: shard 0 returns all
 * their rows and the other shards none.
 *
 * <p>Cost: generation runs on the caller's thread, about a million lineitem rows per CPU second (two thirds of it in
 * the generator itself), and shards scale with cores. The first stream in a JVM builds dbgen's text pool for the
 * comment columns: 300 MiB of heap and a second or two of CPU, kept for the life of the JVM and shared by every
 * stream. Each batch holds up to {@code batchRows} rows, its text buffers sized for the maximum TPC-H lengths, plus
 * the generated row objects of one batch on the heap.
 */
public final class TpchSource {
  /** The row limit of a batch unless the caller sets one. */
  public static final int DEFAULT_BATCH_ROWS = 8192;

  private TpchSource() {}

  /**
   * Opens shard {@code shard} (0-based, below {@code shardCount}) of {@code table} (see {@link TpchTables#names()})
   * at {@code scaleFactor}. Every batch is a new root of {@link TpchTables#schema(String)} allocated from
   * {@code allocator}, owned by the caller. Bad arguments fail with {@link ErrorCode#INVALID_FLOW}.
   *
   * @param batchRows the most rows in one batch
   */
  public static BatchStream open(String table, double scaleFactor, int shard, int shardCount,
      BufferAllocator allocator, int batchRows) {
    TableLayout<?> layout = TpchTables.layout(table);
    TpchTables.checkScaleFactor(scaleFactor);
    requireNonNull(allocator, "allocator is null");
    if (shardCount < 1) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "TPC-H %s: shard count must be at least 1, got %d",
          layout.name(), shardCount);
    }
    if (shard < 0 || shard >= shardCount) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "TPC-H %s: shard %d is out of range for %d shards",
          layout.name(), shard, shardCount);
    }
    if (batchRows < 1) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "TPC-H %s: batch rows must be at least 1, got %d",
          layout.name(), batchRows);
    }
    return stream(layout, scaleFactor, shard, shardCount, allocator, batchRows);
  }

  private static <E extends TpchEntity> BatchStream stream(TableLayout<E> layout, double scaleFactor, int shard,
      int shardCount, BufferAllocator allocator, int batchRows) {
    String label = String.format("TPC-H %s sf%s shard %d of %d", layout.name(), scaleFactor, shard, shardCount);
    return new TpchBatchStream<>(label, layout, layout.rows(scaleFactor, shard, shardCount), allocator, batchRows);
  }
}
