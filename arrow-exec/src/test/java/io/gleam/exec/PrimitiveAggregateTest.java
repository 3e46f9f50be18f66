package io.gleam.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gleam.exec.operator.PrimitiveAggregateOperator;
import io.gleam.planner.Dataset;
import io.gleam.planner.Flow;
import io.gleam.planner.Row;
import io.gleam.planner.plan.AggCall;
import io.gleam.planner.plan.AggFunction;
import io.gleam.planner.plan.PhysicalPlan;
import io.gleam.planner.plan.PlanNode;
import io.gleam.planner.plan.Stage;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The columnar partial aggregate (SUM, COUNT, AVG, MIN, MAX over INT, BIGINT, DOUBLE and DECIMAL read straight
 * from the vectors) against a plain Java loop: NULL keys and values, negative decimals, decimal sums beyond the
 * {@code long} range, thousands of groups, and a budget small enough to make the partial phase emit many times.
 */
class PrimitiveAggregateTest extends FlowTestBase {
  private static final String SCHEMA =
      "k string, g int, i int, l bigint, d double, m decimal(15,2), w decimal(18,2), x decimal(30,4)";

  private static List<Row> data(int n, int keys, long seed) {
    Random r = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int j = 0; j < n; j++) {
      String k = r.nextInt(50) == 0 ? null : "k" + r.nextInt(keys);
      Integer g = r.nextInt(40) == 0 ? null : r.nextInt(3) - 1;
      Integer i = r.nextInt(7) == 0 ? null : r.nextInt(2_000_001) - 1_000_000;
      Long l = r.nextInt(7) == 0 ? null : r.nextLong() >> 20;
      // quarters add up exactly in any order, so partial sums merged in any order give the oracle's sum
      Double d = r.nextInt(7) == 0 ? null : (r.nextInt(4001) - 2000) / 4.0;
      BigDecimal m = r.nextInt(7) == 0 ? null : BigDecimal.valueOf(r.nextLong() % 10_000_000_000_000L, 2);
      // close to DECIMAL(18,2)'s limit: a few dozen of them leave the long range
      BigDecimal w = r.nextInt(7) == 0 ? null
          : BigDecimal.valueOf(999_999_999_999_999_999L - r.nextInt(1000), 2).multiply(
              BigDecimal.valueOf(r.nextBoolean() ? 1 : -1)).setScale(2);
      if (w != null && r.nextInt(4) != 0) {
        w = w.abs();  // mostly positive, so sums grow past the long range
      }
      BigDecimal x = r.nextInt(7) == 0 ? null
          : new BigDecimal(new BigInteger(96, r).subtract(BigInteger.TEN.pow(28)), 4);
      rows.add(Row.of(k, g, i, l, d, m, w, x));
    }
    return rows;
  }

  private static List<AggCall> calls() {
    List<AggCall> calls = new ArrayList<>();
    calls.add(new AggCall(AggFunction.COUNT, -1, "n"));
    calls.add(new AggCall(AggFunction.COUNT, 5, "nm"));
    String[] names = {"i", "l", "d", "m"};
    for (int c = 2; c <= 5; c++) {
      for (AggFunction f : List.of(AggFunction.SUM, AggFunction.AVG, AggFunction.MIN, AggFunction.MAX)) {
        calls.add(new AggCall(f, c, f.name().toLowerCase() + "_" + names[c - 2]));
      }
    }
    calls.add(new AggCall(AggFunction.SUM, 6, "sum_w"));
    calls.add(new AggCall(AggFunction.MAX, 6, "max_w"));
    calls.add(new AggCall(AggFunction.SUM, 7, "sum_x"));
    calls.add(new AggCall(AggFunction.AVG, 7, "avg_x"));
    return calls;
  }

  /** Key columns (0 = k, 1 = g) -> one result per call, computed row by row with BigDecimal and long. */
  private static Map<List<Object>, List<Object>> oracle(List<Row> rows, int[] keyColumns, List<AggCall> calls) {
    Map<List<Object>, List<Row>> groups = new HashMap<>();
    for (Row row : rows) {
      List<Object> key = new ArrayList<>();
      for (int k : keyColumns) {
        key.add(row.get(k));
      }
      groups.computeIfAbsent(key, x -> new ArrayList<>()).add(row);
    }
    Map<List<Object>, List<Object>> out = new HashMap<>();
    for (Map.Entry<List<Object>, List<Row>> e : groups.entrySet()) {
      List<Object> values = new ArrayList<>();
      for (AggCall call : calls) {
        values.add(expected(e.getValue(), call));
      }
      out.put(e.getKey(), values);
    }
    return out;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object expected(List<Row> rows, AggCall call) {
    long count = 0;
    BigDecimal sum = null;
    Comparable best = null;
    for (Row row : rows) {
      Object v = call.column() < 0 ? Boolean.TRUE : row.get(call.column());
      if (v == null) {
        continue;
      }
      count++;
      if (!(v instanceof Boolean)) {
        BigDecimal b = v instanceof BigDecimal bd ? bd : new BigDecimal(v.toString());
        sum = sum == null ? b : sum.add(b);
        Comparable c = (Comparable) v;
        if (best == null || (call.function() == AggFunction.MIN ? c.compareTo(best) < 0 : c.compareTo(best) > 0)) {
          best = c;
        }
      }
    }
    switch (call.function()) {
      case COUNT:
        return count;
      case MIN:
      case MAX:
        return best;
      case AVG:
        return count == 0 ? null : sum.doubleValue() / count;
      default:
        if (sum == null) {
          return null;
        }
        int column = call.column();
        if (column == 2 || column == 3) {
          return sum.longValueExact();
        } else if (column == 4) {
          return sum.doubleValue();
        }
        return sum;
    }
  }

  private static Map<List<Object>, List<Object>> byKey(List<Row> rows, int keyColumns) {
    Map<List<Object>, List<Object>> out = new HashMap<>();
    for (Row r : rows) {
      List<Object> key = new ArrayList<>();
      for (int c = 0; c < keyColumns; c++) {
        key.add(r.get(c));
      }
      List<Object> values = new ArrayList<>();
      for (int c = keyColumns; c < r.size(); c++) {
        values.add(r.get(c));
      }
      assertEquals(null, out.put(key, values), "key " + key + " came out twice");
    }
    return out;
  }

  /** Exact equality, except AVG (a double sum added in partition order), within 1e-12 relative. */
  private static void assertSame(Map<List<Object>, List<Object>> expected, Map<List<Object>, List<Object>> actual,
      List<AggCall> calls) {
    assertEquals(expected.keySet(), actual.keySet());
    for (Map.Entry<List<Object>, List<Object>> e : expected.entrySet()) {
      List<Object> got = actual.get(e.getKey());
      for (int c = 0; c < calls.size(); c++) {
        Object want = e.getValue().get(c);
        Object have = got.get(c);
        String what = "key " + e.getKey() + " " + calls.get(c).name();
        if (calls.get(c).function() == AggFunction.AVG && want != null && have != null) {
          double w = (Double) want;
          assertEquals(w, ((Number) have).doubleValue(), Math.abs(w) * 1e-12, what);
        } else {
          assertEquals(want, have, what);
        }
      }
    }
  }

  private static List<PlanNode.Aggregate> partials(PhysicalPlan plan) {
    List<PlanNode.Aggregate> found = new ArrayList<>();
    for (Stage s : plan.stages()) {
      collectPartials(s.root(), found);
    }
    return found;
  }

  private static void collectPartials(PlanNode node, List<PlanNode.Aggregate> found) {
    if (node instanceof PlanNode.Aggregate a && a.mode() == PlanNode.AggMode.PARTIAL) {
      found.add(a);
    }
    node.children().forEach(c -> collectPartials(c, found));
  }

  private void check(int rowCount, int keys, long budget) {
    List<Row> rows = data(rowCount, keys, rowCount + keys);
    List<AggCall> calls = calls();
    Flow flow = Flow.create("primitive-agg").parallelism(2);
    Dataset in = flow.fromRows(rows, SCHEMA, 2);
    String one = collect(in.aggregate(List.of("k"), calls));
    String two = collect(in.aggregate(List.of("k", "g"), calls));
    // integer keys are packed into one long (NULL keys take the boxed path): one int, one bigint, two ints
    String byInt = collect(in.aggregate(List.of("i"), calls));
    String byBigint = collect(in.aggregate(List.of("l"), calls));
    String byTwoInts = collect(in.aggregate(List.of("g", "i"), calls));
    // an int and a bigint: pairs whose values fit 32 bits are packed, the others (most) take the boxed path
    String byIntAndBigint = collect(in.aggregate(List.of("g", "l"), calls));
    // three and four keys (a decimal, a string, ints) find their groups by their codes
    String byThree = collect(in.aggregate(List.of("m", "k", "g"), calls));
    String byFour = collect(in.aggregate(List.of("k", "g", "i", "l"), calls));
    PhysicalPlan plan = flow.plan();
    List<PlanNode.Aggregate> partials = partials(plan);
    assertEquals(8, partials.size());
    partials.forEach(a -> assertTrue(PrimitiveAggregateOperator.applies(a), "columnar path for " + a));
    var result = run(plan, options().withMemoryBudget(budget));
    // the final phase runs columnar too; under a tiny budget it hands its states to the row aggregate, which spills
    assertEquals(budget < 1_000_000, result.counter("aggregate.rowAggregateHandovers") > 0,
        result.counters().toString());
    assertSame(oracle(rows, new int[] {0}, calls), byKey(result.rows(one), 1), calls);
    assertSame(oracle(rows, new int[] {0, 1}, calls), byKey(result.rows(two), 2), calls);
    assertSame(oracle(rows, new int[] {2}, calls), byKey(result.rows(byInt), 1), calls);
    assertSame(oracle(rows, new int[] {3}, calls), byKey(result.rows(byBigint), 1), calls);
    assertSame(oracle(rows, new int[] {1, 2}, calls), byKey(result.rows(byTwoInts), 2), calls);
    assertSame(oracle(rows, new int[] {1, 3}, calls), byKey(result.rows(byIntAndBigint), 2), calls);
    assertSame(oracle(rows, new int[] {5, 0, 1}, calls), byKey(result.rows(byThree), 3), calls);
    assertSame(oracle(rows, new int[] {0, 1, 2, 3}, calls), byKey(result.rows(byFour), 4), calls);
  }

  /**
   * String keys of every shape beside an int and a date, found by their dictionary codes: empty, one byte, longer
   * than a word, differing only in the last byte, multi-byte UTF-8, NULL; several thousand groups, so the tables
   * grow; against a HashMap.
   */
  @Test
  void codedStringKeysOfEveryShape() {
    String[] strings = {"", "a", "ab", "b", "a-key-longer-than-sixteen-bytes-1", "a-key-longer-than-sixteen-bytes-2",
        "\u00e9t\u00e9", "\u65e5\u672c", null};
    Random r = new Random(11);
    List<Row> rows = new ArrayList<>();
    Map<List<Object>, long[]> want = new HashMap<>();
    for (int j = 0; j < 40_000; j++) {
      String s = strings[r.nextInt(strings.length)];
      Integer g = r.nextInt(30) == 0 ? null : r.nextInt(200) - 100;
      java.time.LocalDate d = java.time.LocalDate.of(1995, 1, 1).plusDays(r.nextInt(4));
      long v = r.nextInt(1000);
      rows.add(Row.of(s, g, d, v));
      long[] acc = want.computeIfAbsent(java.util.Arrays.asList(s, g, d), x -> new long[2]);
      acc[0]++;
      acc[1] += v;
    }
    Flow flow = Flow.create("coded-strings").parallelism(2);
    String id = collect(flow.fromRows(rows, "s string, g int, d date, v bigint", 2).aggregate(List.of("s", "g", "d"),
        List.of(new AggCall(AggFunction.COUNT, -1, "n"), new AggCall(AggFunction.SUM, 3, "total"))));
    Map<List<Object>, List<Object>> got = byKey(run(flow).rows(id), 3);
    assertTrue(want.size() > 5000, "many groups: " + want.size());
    assertEquals(want.size(), got.size());
    for (Map.Entry<List<Object>, long[]> e : want.entrySet()) {
      assertEquals(List.of(e.getValue()[0], e.getValue()[1]), got.get(e.getKey()), "group " + e.getKey());
    }
  }

  @Test
  void fewGroupsMatchAPlainLoop() {
    check(20_000, 4, 256L << 20);
  }

  @Test
  void manyGroupsUnderATinyBudgetMatchAPlainLoop() {
    check(30_000, 5_000, 200_000);
  }

  /**
   * An aggregate without calls (DISTINCT, and the pairs under a COUNT(DISTINCT x)) runs columnar too: its groups
   * are the distinct keys, NULLs included, also under a budget that makes it hand over to the row aggregate.
   */
  @Test
  void distinctKeysRunColumnar() {
    for (long budget : new long[] {256L << 20, 100_000}) {
      List<Row> rows = data(30_000, 3_000, 7);
      Flow flow = Flow.create("distinct-keys").parallelism(2);
      String id = collect(flow.fromRows(rows, SCHEMA, 2).aggregate(List.of("k", "g"), List.of()));
      PhysicalPlan plan = flow.plan();
      partials(plan).forEach(a -> assertTrue(PrimitiveAggregateOperator.applies(a), "columnar path for " + a));
      var result = run(plan, options().withMemoryBudget(budget));
      assertEquals(budget < 1_000_000, result.counter("aggregate.rowAggregateHandovers") > 0,
          result.counters().toString());
      java.util.Set<List<Object>> want = new java.util.HashSet<>();
      for (Row r : rows) {
        want.add(java.util.Arrays.asList(r.get(0), r.get(1)));
      }
      assertEquals(want, byKey(result.rows(id), 2).keySet(), "budget " + budget);
    }
  }

  @Test
  void bigintSumOverflowFailsNamingTheCall() {
    List<Row> rows = List.of(Row.of("a", Long.MAX_VALUE - 1), Row.of("a", 5L));
    Flow flow = Flow.create("overflow").parallelism(1);
    Dataset in = flow.fromRows(rows, "k string, l bigint", 1);
    // with an AVG beside it, the word-count operator (which sums without checking) does not take the SUM
    collect(in.aggregate(List.of("k"), List.of(new AggCall(AggFunction.SUM, 1, "s"),
        new AggCall(AggFunction.AVG, 1, "a"))));
    RuntimeException e = assertThrows(RuntimeException.class, () -> run(flow));
    String message = String.valueOf(e.getMessage()) + " " + e.getCause();
    assertTrue(message.contains("overflows BIGINT"), message);
  }
}
