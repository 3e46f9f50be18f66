package io.gleam.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gleam.planner.Dataset;
import io.gleam.planner.ErrorCode;
import io.gleam.planner.Flow;
import io.gleam.planner.GleamException;
import io.gleam.planner.Row;
import io.gleam.planner.plan.AggFunction;
import io.gleam.planner.plan.JoinType;
import io.gleam.planner.spi.RunOptions;
import io.gleam.planner.spi.RunResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Back pressure without deadlock (more tasks than compute slots, tiny batches, bounded queues), and a run that
 * fails in one task ends quickly, with every thread stopped and nothing leaked.
 */
class RunFailuresTest extends FlowTestBase {
  private static final Duration LIMIT = Duration.ofSeconds(90);

  private static List<Row> events(int n, long seed) {
    Random random = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(Row.of("u" + random.nextInt(500), "p" + random.nextInt(40), (long) random.nextInt(100)));
    }
    return rows;
  }

  /** Sum per user, joined with the user's event count, grouped by (sum mod 10), as sizes; sorted. */
  private record Built(Flow flow, String id) {}

  private static Built manyStages(List<Row> input, String name, boolean withPipe) {
    Flow flow = Flow.create(name).parallelism(4);
    Dataset events = flow.fromRows(input, "user string, page string, ms bigint", 4);
    Dataset sums = events.select("user", "ms").reduceByKey(AggFunction.SUM);
    Dataset counts = events.map("function(u, p, ms) return u, 1 end", "user string, n bigint")
        .reduceByKey("function(a, b) return a + b end");
    Dataset joined = sums.join(counts, JoinType.INNER);
    if (withPipe) {
      joined = joined.pipe("cat");
    }
    Dataset buckets = joined
        .map(r -> Row.of(r.getLong(1) % 10, r.getString(0)), "bucket bigint, user string")
        .groupByKey()
        .map(r -> Row.of(r.get(0), (long) ((List<?>) r.get(1)).size()), "bucket bigint, users bigint")
        .sort("bucket");
    return new Built(flow, collect(buckets));
  }

  private static List<Row> manyStagesOracle(List<Row> input) {
    Map<String, Long> sums = new HashMap<>();
    for (Row r : input) {
      sums.merge(r.getString(0), r.getLong(2), Long::sum);
    }
    long[] users = new long[10];
    sums.values().forEach(s -> users[(int) (s % 10)]++);
    List<Row> out = new ArrayList<>();
    for (int b = 0; b < 10; b++) {
      if (users[b] > 0) {
        out.add(Row.of((long) b, users[b]));
      }
    }
    return out;
  }

  @Test
  void manyStagesOnOneComputeSlotComplete() {
    List<Row> input = events(40_000, 1);
    Built built = manyStages(input, "one-slot", true);
    RunOptions oneSlot = options().withParallelism(1).withBatchRows(64);
    RunResult result = assertTimeoutPreemptively(LIMIT, () -> run(built.flow(), oneSlot));
    assertEquals(5, built.flow().plan().stages().size(), built.flow().explain());
    assertEquals(manyStagesOracle(input), result.rows(built.id()));
  }

  @Test
  void manyStagesWithTwoSlotsAndTinyBudgetComplete() {
    List<Row> input = events(40_000, 2);
    Built built = manyStages(input, "two-slots", false);
    RunOptions tight = options().withParallelism(2).withBatchRows(50).withMemoryBudget(40_000);
    RunResult result = assertTimeoutPreemptively(LIMIT, () -> run(built.flow(), tight));
    assertTrue(result.counter("spills") > 0, result.counters().toString());
    assertEquals(manyStagesOracle(input), result.rows(built.id()));
  }

  @Test
  void failureInOneTaskFailsFastWhileOthersAreBlocked() {
    // Big inputs into small queues: producers block on full queues and consumers wait, while one task fails.
    List<Row> input = events(200_000, 3);
    Flow flow = Flow.create("fail-fast").parallelism(4);
    Dataset events = flow.fromRows(input, "user string, page string, ms bigint", 4);
    Dataset slow = events.partition(4, "user").sort("ms");
    Dataset failing = events.partition(3, "page").map(r -> {
      if ("p7".equals(r.getString(1)) && r.getLong(2) == 42) {
        throw new IllegalStateException("fails on purpose");
      }
      return r;
    }, "user string, page string, ms bigint");
    collect(slow.join(failing.partition(4, "user"), JoinType.FULL));
    long start = System.nanoTime();
    GleamException e = assertTimeoutPreemptively(LIMIT,
        () -> assertThrows(GleamException.class, () -> run(flow, options().withBatchRows(100))));
    assertEquals(ErrorCode.USER_FUNCTION_FAILED, e.code(), e.toString());
    assertTrue(e.getMessage().contains("fails on purpose"), e.getMessage());
    assertTrue(System.nanoTime() - start < 30_000_000_000L, "failed within 30 s");
    assertNoRunThreads("fail-fast");
  }

  @Test
  void failureInTheLastStageWhileProducersAreBlocked() {
    List<Row> input = events(150_000, 4);
    Flow flow = Flow.create("fail-consumer").parallelism(2);
    Dataset merged = flow.fromRows(input, "user string, page string, ms bigint", 3).sort("user", "ms")
        .map(r -> {
          if (r.getString(0).equals("u9")) {
            throw new IllegalStateException("consumer fails");
          }
          return r;
        }, "user string, page string, ms bigint");
    collect(merged);
    GleamException e = assertTimeoutPreemptively(LIMIT,
        () -> assertThrows(GleamException.class, () -> run(flow, options().withBatchRows(100))));
    assertEquals(ErrorCode.USER_FUNCTION_FAILED, e.code(), e.toString());
    assertNoRunThreads("fail-consumer");
  }

  @Test
  void failureWithSpillsInFlightLeavesNoFiles() {
    List<Row> input = events(60_000, 5);
    Flow flow = Flow.create("fail-spill").parallelism(2);
    Dataset sums = flow.fromRows(input, "user string, page string, ms bigint", 2)
        .map(r -> Row.of(r.getString(0) + r.getString(1) + r.getLong(2), r.get(2)), "k string, v bigint")
        .reduceByKey(AggFunction.SUM)
        .map(r -> {
          if (r.getLong(1) >= 99) {
            throw new IllegalStateException("late failure");
          }
          return r;
        }, "k string, v bigint")
        .sort("v");
    collect(sums);
    GleamException e = assertTimeoutPreemptively(LIMIT,
        () -> assertThrows(GleamException.class, () -> run(flow, options().withMemoryBudget(150_000))));
    assertEquals(ErrorCode.USER_FUNCTION_FAILED, e.code(), e.toString());
    // The spill directory is checked to be empty, and the allocator to be clean, after each test.
  }

  private static void assertNoRunThreads(String flowName) {
    List<String> alive = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("gleam-" + flowName))
        .map(Thread::getName).toList();
    assertEquals(List.of(), alive, "task threads still running");
  }
}
