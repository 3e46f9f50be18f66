package io.gleam.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gleam.planner.Dataset;
import io.gleam.planner.Flow;
import io.gleam.planner.Row;
import io.gleam.planner.plan.JoinType;
import io.gleam.planner.spi.RunResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.BiPredicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every join type vs a nested-loop oracle, with NULL keys and duplicate keys on both sides; once as a hash join
 * and once forced into the sort-merge fallback by a tiny memory budget.
 */
class JoinTest extends FlowTestBase {
  private static final String LEFT = "k bigint, name string, lv bigint";
  private static final String RIGHT = "rk bigint, tag string";

  /** Keys 0..(range-1) or NULL; many duplicates on both sides. */
  private static List<Row> left(int n, int range, long seed) {
    Random random = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Long k = random.nextInt(15) == 0 ? null : (long) random.nextInt(range);
      rows.add(Row.of(k, "L" + i, (long) random.nextInt(1000)));
    }
    return rows;
  }

  private static List<Row> right(int n, int range, long seed) {
    Random random = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      // Offset keys so that each side has keys the other lacks.
      Long k = random.nextInt(15) == 0 ? null : (long) random.nextInt(range) + range / 4;
      rows.add(Row.of(k, "R" + i));
    }
    return rows;
  }

  /** Nested loops: SQL semantics, where a NULL key equals nothing. */
  static List<Row> nestedLoop(List<Row> left, List<Row> right, int lk, int rk, JoinType type) {
    return nestedLoop(left, right, (l, r) -> l.get(lk) != null && Objects.equals(l.get(lk), r.get(rk)), type);
  }

  /** Nested loops on any condition: a pair of rows joins when {@code matches} holds for it. */
  static List<Row> nestedLoop(List<Row> left, List<Row> right, BiPredicate<Row, Row> matches, JoinType type) {
    int leftWidth = left.isEmpty() ? 0 : left.get(0).size();
    int rightWidth = right.isEmpty() ? 0 : right.get(0).size();
    List<Row> out = new ArrayList<>();
    boolean[] rightMatched = new boolean[right.size()];
    for (Row l : left) {
      boolean matched = false;
      for (int j = 0; j < right.size(); j++) {
        Row r = right.get(j);
        if (matches.test(l, r)) {
          matched = true;
          rightMatched[j] = true;
          if (type != JoinType.SEMI && type != JoinType.ANTI) {
            out.add(concat(l.values(), r.values()));
          }
        }
      }
      if (type == JoinType.SEMI && matched || type == JoinType.ANTI && !matched) {
        out.add(l);
      }
      if (!matched && (type == JoinType.LEFT || type == JoinType.FULL)) {
        out.add(concat(l.values(), new Object[rightWidth]));
      }
    }
    if (type == JoinType.RIGHT || type == JoinType.FULL) {
      for (int j = 0; j < right.size(); j++) {
        if (!rightMatched[j]) {
          out.add(concat(new Object[leftWidth], right.get(j).values()));
        }
      }
    }
    return out;
  }

  private static Row concat(Object[] a, Object[] b) {
    Object[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return Row.wrap(all);
  }

  @ParameterizedTest
  @EnumSource(JoinType.class)
  void hashJoin(JoinType type) {
    List<Row> l = left(1500, 300, 1);
    List<Row> r = right(1200, 300, 2);
    Flow flow = Flow.create("hash-" + type).parallelism(3);
    Dataset joined = flow.fromRows(l, LEFT, 2).join(flow.fromRows(r, RIGHT, 3), type);
    String id = collect(joined);
    RunResult result = run(flow);
    assertEquals(0, result.counter("join.sortMergeFallbacks"), "enough memory for a hash join");
    List<Row> want = nestedLoop(l, r, 0, 0, type);
    assertTrue(want.size() > 50, "a meaningful result: " + want.size());
    assertEquals(multiset(want), multiset(result.rows(id)));
  }

  @ParameterizedTest
  @EnumSource(JoinType.class)
  void sortMergeFallbackUnderTinyBudget(JoinType type) {
    List<Row> l = left(6000, 1500, 3);
    List<Row> r = right(5000, 1500, 4);
    Flow flow = Flow.create("merge-" + type).parallelism(2);
    Dataset joined = flow.fromRows(l, LEFT, 2).join(flow.fromRows(r, RIGHT, 2), type);
    String id = collect(joined);
    RunResult result = run(flow, options().withMemoryBudget(60_000));
    assertTrue(result.counter("join.sortMergeFallbacks") > 0, result.counters().toString());
    assertTrue(result.counter("spills") > 0, "the external sorts spilled: " + result.counters());
    assertEquals(multiset(nestedLoop(l, r, 0, 0, type)), multiset(result.rows(id)));
  }

  @ParameterizedTest
  @EnumSource(JoinType.class)
  void twoKeyJoinOnNamedColumnsBothPaths(JoinType type) {
    Random random = new Random(9);
    List<Row> l = new ArrayList<>();
    List<Row> r = new ArrayList<>();
    for (int i = 0; i < 1500; i++) {
      l.add(Row.of(random.nextInt(12) == 0 ? null : "a" + random.nextInt(20), (long) random.nextInt(10), (long) i));
      r.add(Row.of((long) random.nextInt(10), random.nextInt(12) == 0 ? null : "a" + random.nextInt(25), "r" + i));
    }
    List<Row> want = new ArrayList<>();
    // Nested loop on (x, y) = (b, a).
    boolean[] matchedRight = new boolean[r.size()];
    for (Row a : l) {
      boolean matched = false;
      for (int j = 0; j < r.size(); j++) {
        Row b = r.get(j);
        if (a.get(0) != null && a.get(0).equals(b.get(1)) && a.get(1).equals(b.get(0))) {
          matched = true;
          matchedRight[j] = true;
          if (type != JoinType.SEMI && type != JoinType.ANTI) {
            want.add(concat(a.values(), b.values()));
          }
        }
      }
      if (type == JoinType.SEMI && matched || type == JoinType.ANTI && !matched) {
        want.add(a);
      }
      if (!matched && (type == JoinType.LEFT || type == JoinType.FULL)) {
        want.add(concat(a.values(), new Object[3]));
      }
    }
    if (type == JoinType.RIGHT || type == JoinType.FULL) {
      for (int j = 0; j < r.size(); j++) {
        if (!matchedRight[j]) {
          want.add(concat(new Object[3], r.get(j).values()));
        }
      }
    }
    for (long budget : new long[] {Long.MAX_VALUE / 4, 40_000}) {
      Flow flow = Flow.create("two-keys-" + type + "-" + budget).parallelism(2);
      Dataset joined = flow.fromRows(l, "a string, b bigint, i bigint", 3)
          .join(flow.fromRows(r, "x bigint, y string, t string", 2), List.of("a", "b"), List.of("y", "x"), type);
      String id = collect(joined);
      RunResult result = run(flow, options().withMemoryBudget(budget));
      assertEquals(budget < 1_000_000, result.counter("join.sortMergeFallbacks") > 0, result.counters().toString());
      assertEquals(multiset(want), multiset(result.rows(id)), "budget " + budget);
    }
  }
}
