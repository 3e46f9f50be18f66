package io.gleam.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gleam.planner.Dataset;
import io.gleam.planner.Flow;
import io.gleam.planner.GleamException;
import io.gleam.planner.Row;
import io.gleam.planner.plan.JoinType;
import io.gleam.planner.plan.PhysicalPlan;
import io.gleam.planner.plan.PlanCodec;
import io.gleam.planner.plan.PlanRenderer;
import io.gleam.planner.plan.StageOutput;
import io.gleam.planner.spi.RunResult;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A dataset that several steps read is computed once: its stage ends in a shared output that every reader reads in
 * full, at its own pace, spilling what a lagging reader has not read when memory is short.
 */
class SharedOutputTest extends FlowTestBase {
  private static final Duration LIMIT = Duration.ofSeconds(60);
  private static final int N = 30_000;

  private static List<Row> ids(int n) {
    List<Row> rows = new ArrayList<>();
    for (long i = 0; i < n; i++) {
      rows.add(Row.of(i, i % 10));
    }
    return rows;
  }

  @Test
  void selfJoinOfARandomLuaColumnSeesOneValuePerRow() {
    Flow flow = Flow.create("random-self-join").parallelism(3);
    Dataset random = flow.fromRows(ids(N), "id bigint, v bigint", 3)
        .map("function(id, v) return id, math.random(1, 1000000000) end", "id bigint, r bigint");
    Dataset joined = random.join(random, JoinType.INNER);
    List<Row> got = assertTimeoutPreemptively(LIMIT, () -> rows(flow, joined));
    assertEquals(N, got.size());
    Set<Long> seen = new HashSet<>();
    for (Row r : got) {
      // Computed twice, the two sides of a row would disagree on its random value.
      assertEquals(r.getLong(1), r.getLong(3), "row " + r);
      seen.add(r.getLong(0));
    }
    assertEquals(N, seen.size());
  }

  @Test
  void javaMapReadByAJoinAndASinkRunsOncePerRow() {
    AtomicLong calls = new AtomicLong();
    Flow flow = Flow.create("counted").parallelism(2);
    Dataset mapped = flow.fromRows(ids(N), "id bigint, v bigint", 2)
        .map(r -> {
          calls.incrementAndGet();
          return Row.of(r.getLong(0), r.getLong(1) * 2);
        }, "id bigint, w bigint");
    String all = collect(mapped);
    String joined = collect(mapped.join(mapped, JoinType.INNER));
    RunResult result = assertTimeoutPreemptively(LIMIT, () -> run(flow));
    assertEquals(N, calls.get(), "the map ran once per input row");
    assertEquals(N, result.rows(all).size());
    List<Row> want = new ArrayList<>();
    for (long i = 0; i < N; i++) {
      want.add(Row.of(i, (i % 10) * 2, i, (i % 10) * 2));
    }
    assertEquals(multiset(want), multiset(result.rows(joined)));
  }

  @Test
  void unionOfTwoFiltersOverOnePipePipesEachRowOnce() throws IOException {
    Path log = work.resolve("piped.txt");
    Flow flow = Flow.create("piped-union").parallelism(2);
    Dataset piped = flow.fromRows(ids(N), "id bigint, v bigint", 2).pipe("tee -a '" + log + "'");
    Dataset low = piped.filter(r -> r.getLong(1) < 3);
    Dataset high = piped.filter(r -> r.getLong(1) >= 3);
    List<Row> got = assertTimeoutPreemptively(LIMIT, () -> rows(flow, low.union(high)));
    assertEquals(multiset(ids(N)), multiset(got));
    // An independent count: every row went through the pipe once, so the file has one line per row.
    assertEquals(String.valueOf(N), shell("wc -l < '" + log + "'", null).trim());
  }

  @Test
  void aTinyBudgetSpillsWhatTheLaggingReaderHasNotRead() {
    Flow flow = Flow.create("spilled-union").parallelism(2);
    Dataset mapped = flow.fromRows(ids(N), "id bigint, v bigint", 2)
        .map("function(id, v) return id, v + 1 end", "id bigint, v bigint");
    // The union reads its first input to the end before the second, so the second reader lags by everything.
    Dataset both = mapped.filter(r -> r.getLong(1) <= 5).union(mapped.filter(r -> r.getLong(1) > 5));
    String id = collect(both);
    RunResult result = assertTimeoutPreemptively(LIMIT,
        () -> run(flow, options().withMemoryBudget(64 * 1024).withBatchRows(500)));
    List<Row> want = new ArrayList<>();
    for (long i = 0; i < N; i++) {
      want.add(Row.of(i, i % 10 + 1));
    }
    assertEquals(multiset(want), multiset(result.rows(id)));
    assertTrue(result.counter("exchange.spilledBatches") > 0, "counters: " + result.counters());
    // Each reservation may go past the budget by its minimum share (a sixteenth), never by the whole stream.
    assertTrue(result.counter("memory.peakReservedBytes") < 2 * 64 * 1024, "counters: " + result.counters());
  }

  @Test
  void selfJoinUnderATinyBudgetStillMatches() {
    Flow flow = Flow.create("spilled-self-join").parallelism(2);
    Dataset mapped = flow.fromRows(ids(N), "id bigint, v bigint", 3)
        .map("function(id, v) return v, id end", "v bigint, id bigint");
    Dataset joined = mapped.join(mapped, List.of("id"), List.of("id"), JoinType.INNER);
    String id = collect(joined);
    RunResult result = assertTimeoutPreemptively(LIMIT,
        () -> run(flow, options().withMemoryBudget(64 * 1024).withBatchRows(500)));
    List<Row> want = new ArrayList<>();
    for (long i = 0; i < N; i++) {
      want.add(Row.of(i % 10, i, i % 10, i));
    }
    assertEquals(multiset(want), multiset(result.rows(id)));
  }

  @Test
  void aFailingReaderCancelsTheRunAndFreesTheLog() {
    Flow flow = Flow.create("failing-reader").parallelism(2);
    Dataset mapped = flow.fromRows(ids(N), "id bigint, v bigint", 2)
        .map("function(id, v) return id, v end", "id bigint, v bigint");
    collect(mapped.filter(r -> r.getLong(1) >= 0));
    collect(mapped.map("function(id, v) if id == 20000 then error('bad row') end return id, v end",
        "id bigint, v bigint"));
    GleamException e = assertThrows(GleamException.class,
        () -> assertTimeoutPreemptively(LIMIT, () -> run(flow, options().withMemoryBudget(64 * 1024))));
    assertTrue(e.getMessage().contains("bad row"), e.getMessage());
  }

  @Test
  void planShowsOneSharedStageAndRoundTripsThroughJson() {
    Flow flow = Flow.create("shared-plan").parallelism(2);
    Dataset mapped = flow.fromRows(ids(10), "id bigint, v bigint", 2)
        .map("function(id, v) return id, v end", "id bigint, v bigint");
    collect(mapped.join(mapped, JoinType.INNER));
    PhysicalPlan plan = flow.plan();
    long shared = plan.stages().stream().filter(s -> s.output() instanceof StageOutput.Shared).count();
    assertEquals(1, shared);
    String text = PlanRenderer.text(plan);
    assertTrue(text.contains("-> shared(2, readers=2)"), text);
    assertTrue(text.contains("reader=1"), text);
    PhysicalPlan back = PlanCodec.fromJson(PlanCodec.toJson(plan));
    assertEquals(text, PlanRenderer.text(back));
    assertTrue(PlanRenderer.dot(plan).contains("shared(2, readers=2)"));
  }

  @Test
  void aSourceScanReadTwiceIsNotShared() {
    Flow flow = Flow.create("scan-twice").parallelism(2);
    Dataset source = flow.fromRows(ids(100), "id bigint, v bigint", 2);
    collect(source.join(source, JoinType.INNER));
    assertTrue(flow.plan().stages().stream().noneMatch(s -> s.output() instanceof StageOutput.Shared));
  }
}
