package io.gleam.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.gleam.planner.Dataset;
import io.gleam.planner.Flow;
import io.gleam.planner.Row;
import io.gleam.planner.plan.AggFunction;
import io.gleam.planner.plan.JoinType;
import io.gleam.planner.spi.RunResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A dataset read by more than one step: each reader sees all of its rows. */
class SharedDatasetTest extends FlowTestBase {
  private static final Duration LIMIT = Duration.ofSeconds(60);

  private final List<Row> input = new ArrayList<>();
  private final Map<String, Long> sums = new HashMap<>();

  SharedDatasetTest() {
    Random random = new Random(31);
    for (int i = 0; i < 20_000; i++) {
      String k = "k" + random.nextInt(700);
      long v = random.nextInt(10);
      input.add(Row.of(k, v));
      sums.merge(k, v, Long::sum);
    }
  }

  private List<Row> sumRows() {
    List<Row> rows = new ArrayList<>();
    sums.forEach((k, v) -> rows.add(Row.of(k, v)));
    return rows;
  }

  @Test
  void aggregateReadByTwoSinks() {
    Flow flow = Flow.create("two-sinks").parallelism(3);
    Dataset counts = flow.fromRows(input, "k string, v bigint", 2).reduceByKey(AggFunction.SUM);
    String all = collect(counts);
    String big = collect(counts.filter(r -> r.getLong(1) >= 150));
    RunResult result = assertTimeoutPreemptively(LIMIT, () -> run(flow));
    assertEquals(multiset(sumRows()), multiset(result.rows(all)));
    List<Row> wantBig = sumRows().stream().filter(r -> r.getLong(1) >= 150).toList();
    assertEquals(multiset(wantBig), multiset(result.rows(big)));
  }

  @Test
  void selfJoinOfAnAggregate() {
    Flow flow = Flow.create("self-join").parallelism(2);
    Dataset counts = flow.fromRows(input, "k string, v bigint", 2).reduceByKey(AggFunction.SUM);
    Dataset joined = counts.join(counts, JoinType.INNER);
    List<Row> got = assertTimeoutPreemptively(LIMIT, () -> rows(flow, joined));
    List<Row> want = new ArrayList<>();
    sums.forEach((k, v) -> want.add(Row.of(k, v, k, v)));
    assertEquals(multiset(want), multiset(got));
  }

  @Test
  void sourceReadByTwoBranches() {
    Flow flow = Flow.create("branches").parallelism(2);
    Dataset source = flow.fromRows(input, "k string, v bigint", 3);
    Dataset counts = source.reduceByKey(AggFunction.COUNT);
    Dataset joined = source.join(counts, JoinType.LEFT);
    Map<String, Long> n = new HashMap<>();
    input.forEach(r -> n.merge(r.getString(0), 1L, Long::sum));
    List<Row> want = new ArrayList<>();
    input.forEach(r -> want.add(Row.of(r.get(0), r.get(1), r.get(0), n.get(r.getString(0)))));
    assertEquals(multiset(want), multiset(assertTimeoutPreemptively(LIMIT, () -> rows(flow, joined))));
  }

  @Test
  void sortedDatasetReadTwice() {
    Flow flow = Flow.create("sorted-twice").parallelism(2);
    Dataset sorted = flow.fromRows(input, "k string, v bigint", 3).sort("v desc", "k");
    String top = collect(sorted.limit(5));
    String all = collect(sorted);
    RunResult result = assertTimeoutPreemptively(LIMIT, () -> run(flow));
    List<Row> want = new ArrayList<>(input);
    want.sort(Comparator.comparing((Row r) -> r.getLong(1)).reversed().thenComparing(r -> r.getString(0)));
    assertEquals(want, result.rows(all));
    // Ties in (v, k) make the first five rows the same whichever equal rows come first.
    assertEquals(want.subList(0, 5), result.rows(top));
  }
}
