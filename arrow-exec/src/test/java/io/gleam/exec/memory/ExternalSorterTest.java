package io.gleam.exec.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gleam.exec.operator.OperatorMetrics;
import io.gleam.exec.operator.RowStream;
import io.gleam.exec.rows.RowComparator;
import io.gleam.planner.Schemas;
import io.gleam.planner.plan.SortKey;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The external sort, its spill files and k-way merge, and the memory pool's floor, against Collections.sort. */
class ExternalSorterTest {
  private static final Schema SCHEMA = Schemas.parse("k bigint, s string, d double");

  private final BufferAllocator allocator = new RootAllocator();

  @TempDir
  Path dir;

  @AfterEach
  void close() {
    allocator.close();
  }

  private static List<Object[]> rows(int n, long seed) {
    Random random = new Random(seed);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(new Object[] {random.nextInt(10) == 0 ? null : (long) random.nextInt(500),
          "s" + random.nextInt(100), random.nextInt(8) == 0 ? null : random.nextInt(64) / 8.0});
    }
    return rows;
  }

  /** k descending with NULLs first, then s, then d ascending with NULLs last: the oracle's comparator. */
  private static final Comparator<Object[]> ORACLE = Comparator
      .comparing((Object[] r) -> (Long) r[0], Comparator.nullsFirst(Comparator.<Long>reverseOrder()))
      .thenComparing(r -> (String) r[1])
      .thenComparing(r -> (Double) r[2], Comparator.nullsLast(Comparator.naturalOrder()));

  private static final List<SortKey> ORDER = List.of(SortKey.desc(0), SortKey.asc(1), SortKey.asc(2));

  private static List<List<Object>> drain(RowStream s) {
    List<List<Object>> out = new ArrayList<>();
    Object[] r;
    while ((r = s.nextRow()) != null) {
      out.add(Arrays.asList(r));
    }
    return out;
  }

  private static List<List<Object>> oracle(List<Object[]> rows) {
    List<Object[]> copy = new ArrayList<>(rows);
    copy.sort(ORACLE);
    return copy.stream().map(Arrays::asList).toList();
  }

  private long filesInDir() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.count();
    }
  }

  @Test
  void inMemoryWhenTheBudgetSuffices() throws IOException {
    MemoryPool pool = new MemoryPool(10_000_000);
    List<Object[]> input = rows(3000, 1);
    OperatorMetrics metrics = new OperatorMetrics();
    try (ExternalSorter sorter = new ExternalSorter(SCHEMA, new RowComparator(ORDER), pool.reservation("t"), dir,
        allocator, 100, metrics)) {
      input.forEach(sorter::add);
      assertEquals(oracle(input), drain(sorter.sorted()));
      assertFalse(sorter.hasSpilled());
      assertEquals(0, filesInDir());
    }
    assertEquals(0, pool.reserved(), "closing releases the reservation");
  }

  @Test
  void spillsRunsAndMergesThem() throws IOException {
    MemoryPool pool = new MemoryPool(40_000);
    List<Object[]> input = rows(20_000, 2);
    OperatorMetrics metrics = new OperatorMetrics();
    try (ExternalSorter sorter = new ExternalSorter(SCHEMA, new RowComparator(ORDER), pool.reservation("t"), dir,
        allocator, 256, metrics)) {
      input.forEach(sorter::add);
      assertTrue(sorter.spilledRuns() > 10, "runs: " + sorter.spilledRuns());
      assertEquals(oracle(input), drain(sorter.sorted()));
      assertTrue(metrics.spilledBytes() > 0);
    }
    assertEquals(0, filesInDir(), "closing deletes the runs");
    assertEquals(0, pool.reserved());
  }

  @Test
  void manyRunsAreMergedSoFewFilesAreOpenAtOnce() throws IOException {
    // Another consumer holds the whole budget, and the floor is zero: every row becomes a run of its own.
    MemoryPool pool = new MemoryPool(15);
    MemoryReservation hog = pool.reservation("hog");
    hog.growUnchecked(15);
    List<Object[]> input = rows(1000, 3);
    try (ExternalSorter sorter = new ExternalSorter(SCHEMA, new RowComparator(ORDER), pool.reservation("t"), dir,
        allocator, 64, new OperatorMetrics())) {
      for (Object[] r : input) {
        sorter.add(r);
        assertTrue(filesInDir() <= ExternalSorter.MAX_RUNS, "at most " + ExternalSorter.MAX_RUNS + " run files");
      }
      assertEquals(999, sorter.spilledRuns());
      assertEquals(oracle(input), drain(sorter.sorted()));
    }
    hog.close();
    assertEquals(0, filesInDir());
  }

  @Test
  void floorKeepsRunsUsefullyLargeWhenOthersHoldTheBudget() {
    MemoryPool pool = new MemoryPool(160_000);
    MemoryReservation hog = pool.reservation("hog");
    hog.growUnchecked(160_000);
    MemoryReservation r = pool.reservation("small");
    assertEquals(10_000, pool.minimumShare());
    assertTrue(r.tryGrow(6_000), "below the floor");
    assertTrue(r.tryGrow(4_000), "up to the floor");
    assertFalse(r.tryGrow(1), "past the floor with the budget taken");
    hog.close();
    assertTrue(r.tryGrow(100_000), "within the budget again");
    r.close();
    assertEquals(0, pool.reserved());
    assertEquals(170_000, pool.peak());
  }

  @Test
  void spillFileKeepsEveryTypeAndNull() {
    Schema schema = Schemas.parse("s string, i int, b bigint, d double, f boolean, day date, price decimal(10,2),"
        + " at timestamp");
    List<Object[]> rows = List.of(
        new Object[] {"é€", 1, 2L, 0.5, true, LocalDate.of(2020, 2, 29), new BigDecimal("3.10"),
            LocalDateTime.of(2024, 1, 2, 3, 4, 5, 6000)},
        new Object[] {null, null, null, null, null, null, null, null},
        new Object[] {"", -1, Long.MIN_VALUE, -0.0, false, LocalDate.of(1969, 12, 31), new BigDecimal("-0.01"),
            LocalDateTime.of(1960, 1, 1, 0, 0)});
    SpillFile file = SpillFile.write(dir, "Sort[stage 0, task 1]", schema, rows.iterator(), allocator, 2);
    try {
      List<List<Object>> back = drain(file.reader());
      assertEquals(rows.stream().map(Arrays::asList).toList(), back);
      assertTrue(file.bytes() > 0);
    } finally {
      file.close();
    }
  }

  @Test
  void kWayMergeIsStableAcrossStreams() {
    List<Object[]> a = List.of(new Object[] {1L, "a0"}, new Object[] {3L, "a1"}, new Object[] {3L, "a2"});
    List<Object[]> b = List.of(new Object[] {1L, "b0"}, new Object[] {2L, "b1"}, new Object[] {3L, "b2"});
    List<Object[]> c = List.of();
    KWayMerge merge = new KWayMerge(List.of(stream(a), stream(b), stream(c)), RowComparator.keyPrefix(1));
    List<String> order = drain(merge).stream().map(r -> (String) r.get(1)).toList();
    assertEquals(List.of("a0", "b0", "b1", "a1", "a2", "b2"), order);
  }

  private static RowStream stream(List<Object[]> rows) {
    var it = rows.iterator();
    return () -> it.hasNext() ? it.next() : null;
  }
}
