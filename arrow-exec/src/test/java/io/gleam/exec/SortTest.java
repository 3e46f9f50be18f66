package io.gleam.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gleam.planner.Dataset;
import io.gleam.planner.Flow;
import io.gleam.planner.Row;
import io.gleam.planner.plan.AggFunction;
import io.gleam.planner.spi.RunResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Sort (in memory and external with a k-way merge), top(n) and limit across partitions, vs Collections.sort. */
class SortTest extends FlowTestBase {
  private static final String SCHEMA = "a string, b bigint, c double, id bigint";
  private static final Duration LIMIT = Duration.ofSeconds(60);

  private static List<Row> data(int n, long seed) {
    Random random = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String a = random.nextInt(10) == 0 ? null : "s" + random.nextInt(50);
      Long b = random.nextInt(8) == 0 ? null : (long) random.nextInt(200) - 100;
      Double c = random.nextInt(9) == 0 ? null : random.nextInt(100) / 2.0;
      rows.add(Row.of(a, b, c, (long) i));
    }
    return rows;
  }

  /** a ascending (NULLs last), b descending (NULLs first), c ascending (NULLs last), id ascending. */
  private static final Comparator<Row> ORDER = Comparator
      .comparing((Row r) -> (String) r.get(0), Comparator.nullsLast(Comparator.naturalOrder()))
      .thenComparing(r -> (Long) r.get(1), Comparator.nullsFirst(Comparator.<Long>reverseOrder()))
      .thenComparing(r -> (Double) r.get(2), Comparator.nullsLast(Comparator.naturalOrder()))
      .thenComparing(r -> (Long) r.get(3));

  private static List<Row> sorted(List<Row> rows) {
    List<Row> copy = new ArrayList<>(rows);
    copy.sort(ORDER);
    return copy;
  }

  @Test
  void sortInMemoryWithNullsAndDescending() {
    List<Row> input = data(5000, 1);
    Flow flow = Flow.create("sort-mem").parallelism(3);
    Dataset s = flow.fromRows(input, SCHEMA, 3).sort("a", "b desc", "c", "id");
    String id = collect(s);
    RunResult result = run(flow);
    assertEquals(0, result.counter("spills"));
    assertEquals(sorted(input), result.rows(id));
  }

  @Test
  void externalSortSpillsRunsAndMergesThem() {
    List<Row> input = data(60_000, 2);
    Flow flow = Flow.create("sort-spill").parallelism(3);
    Dataset s = flow.fromRows(input, SCHEMA, 4).sort("a", "b DESC", "c", "id");
    String id = collect(s);
    RunResult result = run(flow, options().withMemoryBudget(300_000));
    assertTrue(result.counter("spills") >= 4, "every partition spilled at least once: " + result.counters());
    assertEquals(sorted(input), result.rows(id));
  }

  @Test
  void sortAfterAggregateWithSpillsInBoth() {
    Random random = new Random(4);
    List<Row> input = new ArrayList<>();
    Map<String, Long> sums = new HashMap<>();
    for (int i = 0; i < 40_000; i++) {
      String k = "w" + random.nextInt(20_000);
      long v = random.nextInt(5);
      input.add(Row.of(k, v));
      sums.merge(k, v, Long::sum);
    }
    Flow flow = Flow.create("agg-sort").parallelism(2);
    Dataset s = flow.fromRows(input, "k string, v bigint", 2).reduceByKey(AggFunction.SUM).sort("v desc", "k");
    String id = collect(s);
    RunResult result = run(flow, options().withMemoryBudget(120_000));
    List<Row> want = new ArrayList<>();
    sums.forEach((k, v) -> want.add(Row.of(k, v)));
    want.sort(Comparator.comparing((Row r) -> r.getLong(1)).reversed().thenComparing(r -> r.getString(0)));
    assertTrue(result.counter("spills") > 0, result.counters().toString());
    assertEquals(want, result.rows(id));
  }

  @Test
  void topAcrossPartitions() {
    List<Row> input = data(20_000, 3);
    Flow flow = Flow.create("top").parallelism(2);
    Dataset top = flow.fromRows(input, SCHEMA, 4).top(25, "a", "b desc", "c", "id");
    assertEquals(sorted(input).subList(0, 25), rows(flow, top));
  }

  @Test
  void topLargerThanInputAndTopZero() {
    List<Row> input = data(300, 5);
    Flow flow = Flow.create("top-big").parallelism(2);
    Dataset source = flow.fromRows(input, SCHEMA, 3);
    String all = collect(source.top(1000, "a", "b desc", "c", "id"));
    String none = collect(source.top(0, "id"));
    RunResult result = run(flow);
    assertEquals(sorted(input), result.rows(all));
    assertEquals(List.of(), result.rows(none));
  }

  @Test
  void limitAcrossPartitions() {
    List<Row> input = data(50_000, 6);
    Set<Row> all = new HashSet<>(input);
    Flow flow = Flow.create("limit").parallelism(2);
    Dataset source = flow.fromRows(input, SCHEMA, 4);
    String ten = collect(source.limit(10));
    String more = collect(source.limit(60_000));
    String zero = collect(source.limit(0));
    RunResult result = run(flow);
    List<Row> got = result.rows(ten);
    assertEquals(10, got.size());
    assertEquals(10, new HashSet<>(got).size(), "distinct input rows");
    assertTrue(all.containsAll(got));
    assertEquals(multiset(input), multiset(result.rows(more)));
    assertEquals(List.of(), result.rows(zero));
  }

  @Test
  void limitAfterSortStopsReadingAndDoesNotHang() {
    // The merge stage stops after 10 rows while the sorting producers still have thousands to send.
    List<Row> input = data(80_000, 7);
    Flow flow = Flow.create("sort-limit").parallelism(3);
    Dataset first = flow.fromRows(input, SCHEMA, 4).sort("a", "b desc", "c", "id").limit(10);
    String id = collect(first);
    RunResult result = assertTimeoutPreemptively(LIMIT, () -> run(flow));
    assertEquals(sorted(input).subList(0, 10), result.rows(id));
  }

  @Test
  void limitAfterShuffleDoesNotHang() {
    List<Row> input = data(80_000, 8);
    Flow flow = Flow.create("shuffle-limit").parallelism(2);
    Dataset first = flow.fromRows(input, SCHEMA, 3).partition(2, "a").limit(5);
    String id = collect(first);
    RunResult result = assertTimeoutPreemptively(LIMIT, () -> run(flow, options().withBatchRows(100)));
    List<Row> got = result.rows(id);
    assertEquals(5, got.size());
    assertTrue(new HashSet<>(input).containsAll(got));
  }
}
