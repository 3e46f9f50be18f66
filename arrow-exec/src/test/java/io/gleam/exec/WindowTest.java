package io.gleam.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gleam.planner.Dataset;
import io.gleam.planner.Flow;
import io.gleam.planner.Row;
import io.gleam.planner.plan.SortKey;
import io.gleam.planner.plan.WindowCall;
import io.gleam.planner.plan.WindowFrame;
import io.gleam.planner.plan.WindowFunction;
import io.gleam.planner.spi.RunResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The window step over many partitions, checked against a plain Java computation of the same functions: with the
 * default budget, and with a budget so small that the sort below the window operator spills.
 */
class WindowTest extends FlowTestBase {
  private static final String SCHEMA = "id bigint, k string, o bigint, v bigint";

  private static List<Row> data(int n, long seed) {
    Random random = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String k = random.nextInt(10) == 0 ? null : "k" + random.nextInt(40);
      Long o = random.nextInt(20) == 0 ? null : (long) random.nextInt(50);
      Long v = random.nextInt(8) == 0 ? null : (long) random.nextInt(1000) - 500;
      rows.add(Row.of((long) i, k, o, v));
    }
    return rows;
  }

  private List<Row> run(List<Row> input, long memoryBudget, int[] spills) {
    Flow flow = Flow.create("window").parallelism(3);
    WindowFrame rows2 = new WindowFrame(WindowFrame.Unit.ROWS, WindowFrame.Bound.preceding(2),
        WindowFrame.Bound.following(1));
    // Peers by o (ties and NULLs): rank and running sums; then a unique order (o, id) for row numbers and ROWS.
    Dataset ranked = flow.fromRows(input, SCHEMA, 4).window(List.of("k"), List.of(SortKey.asc(2)), List.of(
        WindowCall.of(WindowFunction.RANK, -1, WindowFrame.RUNNING, "rank"),
        WindowCall.of(WindowFunction.DENSE_RANK, -1, WindowFrame.RUNNING, "dense"),
        WindowCall.of(WindowFunction.SUM, 3, WindowFrame.RUNNING, "running")));
    Dataset numbered = ranked.window(List.of("k"), List.of(SortKey.asc(2), SortKey.asc(0)), List.of(
        WindowCall.of(WindowFunction.ROW_NUMBER, -1, WindowFrame.RUNNING, "rn"),
        WindowCall.of(WindowFunction.SUM, 3, rows2, "moving"),
        new WindowCall(WindowFunction.LAG, 3, 1, -1, WindowFrame.RUNNING, "prev"),
        WindowCall.of(WindowFunction.COUNT, -1, WindowFrame.PARTITION, "size")));
    // Only looking back: computed one peer group at a time.
    Dataset out = numbered.window(List.of("k"), List.of(SortKey.asc(2), SortKey.asc(0)), List.of(
        new WindowCall(WindowFunction.LAG, 3, 2, 0, WindowFrame.RUNNING, "prev2"),
        WindowCall.of(WindowFunction.FIRST_VALUE, 0, WindowFrame.RUNNING, "first"),
        WindowCall.of(WindowFunction.MAX, 3, new WindowFrame(WindowFrame.Unit.ROWS,
            WindowFrame.Bound.unboundedPreceding(), WindowFrame.Bound.currentRow()), "max")));
    String id = collect(out);
    RunResult result = run(flow, options().withMemoryBudget(memoryBudget));
    spills[0] = (int) result.counter("spills");
    return result.rows(id);
  }

  /** The expected rows, computed row by row from each window partition sorted by (o nulls last, id). */
  private static Map<Long, List<Object>> expected(List<Row> input) {
    Map<String, List<Row>> partitions = new HashMap<>();
    for (Row r : input) {
      partitions.computeIfAbsent(String.valueOf(r.get(1)), x -> new ArrayList<>()).add(r);
    }
    Comparator<Row> byO = Comparator.comparing((Row r) -> (Long) r.get(2),
        Comparator.nullsLast(Comparator.naturalOrder()));
    Map<Long, List<Object>> want = new HashMap<>();
    for (List<Row> p : partitions.values()) {
      p.sort(byO.thenComparing(r -> r.getLong(0)));
      for (int i = 0; i < p.size(); i++) {
        Row r = p.get(i);
        long rank = 1;
        long dense = 1;
        Long running = null;
        for (int j = 0; j < p.size(); j++) {
          int c = byO.compare(p.get(j), r);
          if (c < 0) {
            rank++;
          }
          if (c <= 0 && p.get(j).get(3) != null) {
            running = (running == null ? 0 : running) + p.get(j).getLong(3);
          }
          if (c < 0 && (j == 0 || byO.compare(p.get(j - 1), p.get(j)) != 0)) {
            dense++;
          }
        }
        Long moving = null;
        for (int j = Math.max(0, i - 2); j <= Math.min(p.size() - 1, i + 1); j++) {
          if (p.get(j).get(3) != null) {
            moving = (moving == null ? 0 : moving) + p.get(j).getLong(3);
          }
        }
        Object prev = i == 0 ? null : p.get(i - 1).get(3);
        Object prev2 = i < 2 ? r.get(0) : p.get(i - 2).get(3);
        Long max = null;
        for (int j = 0; j <= i; j++) {
          Long x = (Long) p.get(j).get(3);
          if (x != null && (max == null || x > max)) {
            max = x;
          }
        }
        List<Object> row = new ArrayList<>(r.asList());
        row.addAll(java.util.Arrays.asList(rank, dense, running, (long) i + 1, moving, prev, (long) p.size(),
            prev2, p.get(0).get(0), max));
        want.put(r.getLong(0), row);
      }
    }
    return want;
  }

  private static void check(List<Row> input, List<Row> actual) {
    Map<Long, List<Object>> want = expected(input);
    assertEquals(input.size(), actual.size());
    for (Row r : actual) {
      assertEquals(want.get(r.getLong(0)), r.asList(), "row id " + r.getLong(0));
    }
  }

  @Test
  void windowFunctionsOverManyPartitions() {
    List<Row> input = data(5_000, 1);
    int[] spills = new int[1];
    check(input, run(input, Long.MAX_VALUE / 4, spills));
    assertEquals(0, spills[0]);
  }

  @Test
  void sortBelowTheWindowSpillsWithATinyBudget() {
    List<Row> input = data(60_000, 2);
    int[] spills = new int[1];
    check(input, run(input, 300_000, spills));
    assertTrue(spills[0] > 0, "the sort spilled");
  }

  @Test
  void emptyInputGivesNoRows() {
    int[] spills = new int[1];
    assertEquals(List.of(), run(List.of(), Long.MAX_VALUE / 4, spills));
  }
}
