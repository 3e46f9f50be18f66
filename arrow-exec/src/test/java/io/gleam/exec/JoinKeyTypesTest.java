package io.gleam.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gleam.planner.Dataset;
import io.gleam.planner.Flow;
import io.gleam.planner.Row;
import io.gleam.planner.plan.JoinType;
import io.gleam.planner.spi.RunResult;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The columnar hash join over every key type it takes (int, bigint, date, timestamp, decimal, string: short,
 * empty, longer than a word, differing only in the last byte), every join type, NULL keys and duplicates, against
 * the nested-loop oracle; and once with a budget too small for its build side, where it hands the batches it read
 * to the row join, which falls back to sort-merge and must still give every row once.
 */
class JoinKeyTypesTest extends FlowTestBase {
  private static IntFunction<Object> values(String type) {
    switch (type) {
      case "int":
        return i -> i;
      case "bigint":
        return i -> (long) i * 1_000_000_007L;
      case "date":
        return i -> LocalDate.of(1995, 1, 1).plusDays(i);
      case "timestamp":
        return i -> LocalDateTime.of(1995, 1, 1, 0, 0).plusSeconds(i * 3601L);
      case "decimal(12,2)":
        return i -> BigDecimal.valueOf(i * 101L - 3000, 2);
      case "string":
        return i -> i % 7 == 0 ? "" : i % 3 == 0 ? "a-key-longer-than-eight-bytes-" + i : "k" + i;
      default:
        throw new IllegalArgumentException(type);
    }
  }

  private static List<Row> rows(int n, int range, int offset, String prefix, IntFunction<Object> key, long seed) {
    Random random = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Object k = random.nextInt(13) == 0 ? null : key.apply(random.nextInt(range) + offset);
      rows.add(Row.of(k, prefix + i));
    }
    return rows;
  }

  @ParameterizedTest
  @CsvSource({"int,INNER", "int,FULL", "bigint,ANTI", "date,LEFT", "date,SEMI", "timestamp,RIGHT",
      "'decimal(12,2)',INNER", "'decimal(12,2)',ANTI", "string,INNER", "string,LEFT", "string,RIGHT", "string,FULL",
      "string,SEMI", "string,ANTI"})
  void matchesNestedLoop(String keyType, JoinType type) {
    IntFunction<Object> key = values(keyType);
    List<Row> l = rows(2000, 400, 0, "L", key, 1);
    List<Row> r = rows(1500, 400, 100, "R", key, 2);
    Flow flow = Flow.create("keys-" + keyType).parallelism(2);
    Dataset joined = flow.fromRows(l, "k " + keyType + ", lv string", 2)
        .join(flow.fromRows(r, "k " + keyType + ", rv string", 2), type);
    String id = collect(joined);
    RunResult result = run(flow);
    assertEquals(0, result.counter("join.rowJoinHandovers"), "enough memory for the columnar join");
    List<Row> want = JoinTest.nestedLoop(l, r, 0, 0, type);
    assertTrue(want.size() > 100, "a meaningful result: " + want.size());
    assertEquals(multiset(want), multiset(result.rows(id)));
  }

  /**
   * Keys spread over a narrow range are looked up in a table indexed by the key itself; spread wide (the same keys
   * times a large factor), in the hashed table; one key or two; both against the nested loop.
   */
  @ParameterizedTest
  @CsvSource({"1,INNER,true", "1,LEFT,true", "1,ANTI,true", "1,FULL,true", "1000003,INNER,false",
      "1000003,SEMI,false", "1000003,RIGHT,false"})
  void directTableForANarrowKeyRange(long spread, JoinType type, boolean direct) {
    IntFunction<Object> key = i -> i * spread - 700;
    List<Row> l = rows(3000, 900, 0, "L", key, 5);
    List<Row> r = rows(2500, 900, 200, "R", key, 6);
    Flow flow = Flow.create("direct-" + spread + "-" + type).parallelism(2);
    String id = collect(flow.fromRows(l, "k bigint, lv string", 2).join(flow.fromRows(r, "k bigint, rv string", 2),
        type));
    RunResult result = run(flow);
    assertEquals(direct, result.counter("join.directTables") > 0, result.counters().toString());
    List<Row> want = JoinTest.nestedLoop(l, r, 0, 0, type);
    assertTrue(want.size() > 100, "a meaningful result: " + want.size());
    assertEquals(multiset(want), multiset(result.rows(id)));

    // two keys: k and k % 7, packed into one word
    Flow two = Flow.create("direct-two-" + spread + "-" + type).parallelism(2);
    List<Row> l2 = new ArrayList<>();
    List<Row> r2 = new ArrayList<>();
    for (Row row : l) {
      l2.add(Row.of(row.get(0), row.get(0) == null ? null : Math.floorMod((Long) row.get(0), 7L), row.get(1)));
    }
    for (Row row : r) {
      r2.add(Row.of(row.get(0), row.get(0) == null ? null : Math.floorMod((Long) row.get(0), 7L), row.get(1)));
    }
    String id2 = collect(two.fromRows(l2, "k bigint, m bigint, lv string", 2).join(
        two.fromRows(r2, "k bigint, m bigint, rv string", 2), List.of("k", "m"), List.of("k", "m"), type));
    RunResult result2 = run(two);
    assertEquals(direct, result2.counter("join.directTables") > 0, result2.counters().toString());
    assertEquals(multiset(JoinTest.nestedLoop(l2, r2, JoinKeyTypesTest::bothKeysEqual, type)),
        multiset(result2.rows(id2)));
  }

  @ParameterizedTest
  @CsvSource({"string,INNER", "bigint,FULL", "date,ANTI"})
  void handsOverToTheRowJoinWhenMemoryRunsOut(String keyType, JoinType type) {
    IntFunction<Object> key = values(keyType);
    List<Row> l = rows(6000, 1500, 0, "L", key, 3);
    List<Row> r = rows(5000, 1500, 300, "R", key, 4);
    Flow flow = Flow.create("handover-" + keyType).parallelism(2);
    Dataset joined = flow.fromRows(l, "k " + keyType + ", lv string", 2)
        .join(flow.fromRows(r, "k " + keyType + ", rv string", 2), type);
    String id = collect(joined);
    RunResult result = run(flow, options().withMemoryBudget(60_000));
    assertTrue(result.counter("join.rowJoinHandovers") > 0, result.counters().toString());
    assertTrue(result.counter("join.sortMergeFallbacks") > 0, result.counters().toString());
    assertEquals(multiset(JoinTest.nestedLoop(l, r, 0, 0, type)), multiset(result.rows(id)));
  }

  /**
   * Two integer keys: packed into one long when their build-side ranges fit 64 bits together (narrow), matched
   * through hash chains when they do not (wide: one key spans all of BIGINT). Probe keys outside the build side's
   * range, NULL in either key, and repeated build keys are all present.
   */
  @ParameterizedTest
  @CsvSource({"false,INNER", "false,LEFT", "false,SEMI", "false,ANTI", "false,FULL", "true,INNER", "true,RIGHT",
      "true,ANTI"})
  void twoIntegerKeys(boolean wide, JoinType type) {
    Random random = new Random(wide ? 11 : 12);
    List<Row> l = new ArrayList<>();
    List<Row> r = new ArrayList<>();
    for (int i = 0; i < 2500; i++) {
      Integer a = random.nextInt(20) == 0 ? null : random.nextInt(60) - 10;
      long b = random.nextInt(40) * (wide ? 230_584_300_921_369_395L : 7L) - (wide ? Long.MAX_VALUE / 2 : 50);
      l.add(Row.of(a, random.nextInt(25) == 0 ? null : b, "L" + i));
      Integer x = random.nextInt(20) == 0 ? null : random.nextInt(40);
      long y = random.nextInt(30) * (wide ? 230_584_300_921_369_395L : 7L) - (wide ? Long.MAX_VALUE / 2 : 50);
      r.add(Row.of(x, y, "R" + i));
    }
    List<Row> want = JoinTest.nestedLoop(l, r, JoinKeyTypesTest::bothKeysEqual, type);
    Flow flow = Flow.create("two-int-keys").parallelism(2);
    Dataset joined = flow.fromRows(l, "a int, b bigint, lv string", 2)
        .join(flow.fromRows(r, "x int, y bigint, rv string", 2), List.of("a", "b"), List.of("x", "y"), type);
    String id = collect(joined);
    RunResult result = run(flow);
    assertTrue(want.size() > 100, "a meaningful result: " + want.size());
    assertEquals(multiset(want), multiset(result.rows(id)));
  }

  /**
   * A left input less than half the right's size becomes the build side (the right is probed against it, matches
   * mark left rows); every join type that may swap must still match the oracle, with NULL keys and duplicates on
   * both sides.
   */
  @ParameterizedTest
  @CsvSource({"bigint,INNER", "bigint,LEFT", "bigint,SEMI", "bigint,ANTI", "string,SEMI", "string,ANTI",
      "string,LEFT"})
  void buildsOnTheSmallerLeftSide(String keyType, JoinType type) {
    IntFunction<Object> key = values(keyType);
    List<Row> l = rows(1500, 3000, 0, "L", key, 5);
    List<Row> r = rows(20_000, 3000, 500, "R", key, 6);
    Flow flow = Flow.create("swap-" + keyType).parallelism(2);
    Dataset joined = flow.fromRows(l, "k " + keyType + ", lv string", 2)
        .join(flow.fromRows(r, "k " + keyType + ", rv string", 2), type);
    String id = collect(joined);
    RunResult result = run(flow);
    assertTrue(result.counter("join.leftBuildSides") > 0, result.counters().toString());
    List<Row> want = JoinTest.nestedLoop(l, r, 0, 0, type);
    assertTrue(want.size() > 100, "a meaningful result: " + want.size());
    assertEquals(multiset(want), multiset(result.rows(id)));
  }

  /** Two keys, the first two columns: equal when both are, a NULL equalling nothing. */
  private static boolean bothKeysEqual(Row a, Row b) {
    return a.get(0) != null && a.get(1) != null && a.get(0).equals(b.get(0)) && a.get(1).equals(b.get(1));
  }
}
