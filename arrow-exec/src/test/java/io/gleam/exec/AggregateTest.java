package io.gleam.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gleam.planner.Dataset;
import io.gleam.planner.Flow;
import io.gleam.planner.Row;
import io.gleam.planner.fn.RowReducer;
import io.gleam.planner.plan.AggCall;
import io.gleam.planner.plan.AggFunction;
import io.gleam.planner.spi.RunResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Built-in and user aggregates vs HashMap loops, including NULL keys and values, and the spill path. */
class AggregateTest extends FlowTestBase {
  private static final String SCHEMA = "k string, v bigint, d double, s string";

  /** Keys k0..k39 and NULL; values NULL one time in seven; doubles are exact binary fractions. */
  private static List<Row> data(int n, long seed) {
    Random random = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String k = random.nextInt(41) == 40 ? null : "k" + random.nextInt(40);
      Long v = random.nextInt(7) == 0 ? null : (long) random.nextInt(2001) - 1000;
      Double d = random.nextInt(7) == 0 ? null : random.nextInt(4001) / 8.0;
      String s = random.nextInt(7) == 0 ? null : Integer.toString(random.nextInt(100_000), 36);
      rows.add(Row.of(k, v, d, s));
    }
    // A key whose values are all NULL.
    rows.add(Row.of("all-null", null, null, null));
    rows.add(Row.of("all-null", null, null, null));
    return rows;
  }

  /** The oracle: one pass with a HashMap per key, nulls ignored, NULL when a key has no non-null value. */
  private static Map<List<Object>, List<Object>> oracle(List<Row> rows, AggFunction fn, int[] valueColumns) {
    Map<List<Object>, List<List<Object>>> groups = new HashMap<>();
    for (Row r : rows) {
      List<Object> key = Arrays.asList(r.get(0));
      List<List<Object>> cols = groups.computeIfAbsent(key, x -> {
        List<List<Object>> c = new ArrayList<>();
        for (int i = 0; i < valueColumns.length; i++) {
          c.add(new ArrayList<>());
        }
        return c;
      });
      for (int i = 0; i < valueColumns.length; i++) {
        Object v = r.get(valueColumns[i]);
        if (v != null) {
          cols.get(i).add(v);
        }
      }
    }
    Map<List<Object>, List<Object>> out = new HashMap<>();
    groups.forEach((key, cols) -> {
      List<Object> result = new ArrayList<>();
      for (List<Object> values : cols) {
        result.add(aggregate(fn, values));
      }
      out.put(key, result);
    });
    return out;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object aggregate(AggFunction fn, List<Object> values) {
    if (fn == AggFunction.COUNT) {
      return (long) values.size();
    }
    if (values.isEmpty()) {
      return null;
    }
    switch (fn) {
      case SUM -> {
        if (values.get(0) instanceof Long) {
          long s = 0;
          for (Object v : values) {
            s += (Long) v;
          }
          return s;
        }
        double s = 0;
        for (Object v : values) {
          s += (Double) v;
        }
        return s;
      }
      case AVG -> {
        double s = 0;
        for (Object v : values) {
          s += ((Number) v).doubleValue();
        }
        return s / values.size();
      }
      case MIN, MAX -> {
        Comparable best = (Comparable) values.get(0);
        for (Object v : values) {
          int c = ((Comparable) v).compareTo(best);
          if (fn == AggFunction.MIN ? c < 0 : c > 0) {
            best = (Comparable) v;
          }
        }
        return best;
      }
      default -> throw new IllegalStateException();
    }
  }

  private static Map<List<Object>, List<Object>> asMap(List<Row> rows, int keyCount) {
    Map<List<Object>, List<Object>> m = new HashMap<>();
    for (Row r : rows) {
      List<Object> all = r.asList();
      List<Object> previous = m.put(new ArrayList<>(all.subList(0, keyCount)),
          new ArrayList<>(all.subList(keyCount, all.size())));
      assertEquals(null, previous, "key " + all.subList(0, keyCount) + " appears twice");
    }
    return m;
  }

  @ParameterizedTest
  @EnumSource(AggFunction.class)
  void builtinReduceByKey(AggFunction fn) {
    List<Row> input = data(5000, fn.ordinal());
    boolean numeric = fn == AggFunction.SUM || fn == AggFunction.AVG;
    Flow flow = Flow.create("agg-" + fn).parallelism(3);
    Dataset in = flow.fromRows(input, SCHEMA, 3);
    if (numeric) {
      in = in.select("k", "v", "d");
    }
    Dataset agg = in.reduceByKey(fn);
    int[] values = numeric ? new int[] {1, 2} : new int[] {1, 2, 3};
    Map<List<Object>, List<Object>> want = oracle(input, fn, values);
    Map<List<Object>, List<Object>> got = asMap(rows(flow, agg), 1);
    assertEquals(want.keySet(), got.keySet());
    assertTrue(want.containsKey(Arrays.asList((Object) null)), "the NULL key is a group");
    want.forEach((k, w) -> {
      List<Object> g = got.get(k);
      for (int i = 0; i < w.size(); i++) {
        if (fn == AggFunction.AVG && w.get(i) != null) {
          assertEquals((Double) w.get(i), (Double) g.get(i), 1e-9, "key " + k);
        } else {
          assertEquals(w.get(i), g.get(i), fn + " of key " + k + " column " + i);
        }
      }
    });
    assertEquals(fn == AggFunction.COUNT ? Arrays.asList(0L, 0L, 0L) : Arrays.asList(numeric
        ? new Object[] {null, null} : new Object[] {null, null, null}), got.get(List.of("all-null")));
  }

  @Test
  void explicitCallsWithCountStarAndTwoKeys() {
    List<Row> input = new ArrayList<>();
    Random random = new Random(7);
    for (int i = 0; i < 3000; i++) {
      input.add(Row.of("g" + random.nextInt(5), (long) random.nextInt(3), (long) random.nextInt(100)));
    }
    Flow flow = Flow.create("calls").parallelism(2);
    Dataset agg = flow.fromRows(input, "a string, b bigint, x bigint", 2).aggregate(List.of("a", "b"), List.of(
        new AggCall(AggFunction.COUNT, -1, "n"), new AggCall(AggFunction.SUM, 2, "total"),
        new AggCall(AggFunction.MAX, 2, "top"), new AggCall(AggFunction.AVG, 2, "mean")));
    Map<List<Object>, long[]> want = new HashMap<>();
    for (Row r : input) {
      long[] s = want.computeIfAbsent(List.of(r.get(0), r.get(1)), k -> new long[] {0, 0, Long.MIN_VALUE});
      s[0]++;
      s[1] += r.getLong(2);
      s[2] = Math.max(s[2], r.getLong(2));
    }
    Map<List<Object>, List<Object>> got = asMap(rows(flow, agg), 2);
    assertEquals(want.keySet(), got.keySet());
    want.forEach((k, s) -> assertEquals(List.of(s[0], s[1], s[2], (double) s[1] / s[0]), got.get(k), "key " + k));
  }

  @Test
  void distinct() {
    List<Row> input = new ArrayList<>();
    Random random = new Random(11);
    for (int i = 0; i < 4000; i++) {
      input.add(Row.of(random.nextInt(9) == 0 ? null : "s" + random.nextInt(30), (long) random.nextInt(4)));
    }
    Flow flow = Flow.create("distinct").parallelism(3);
    List<Row> got = rows(flow, flow.fromRows(input, "s string, n bigint", 4).distinct());
    Set<Row> want = new HashSet<>(input);
    assertEquals(want.size(), got.size(), "no duplicates");
    assertEquals(want, new HashSet<>(got));
  }

  /** Many distinct keys under a tiny budget: the final aggregate must spill sorted runs and merge them. */
  @Test
  void finalAggregateSpillsAndMerges() {
    List<Row> input = new ArrayList<>();
    Random random = new Random(99);
    for (int i = 0; i < 60_000; i++) {
      input.add(Row.of("key-" + random.nextInt(25_000), (long) random.nextInt(1000),
          random.nextInt(10) == 0 ? null : random.nextInt(1000) / 4.0));
    }
    Flow flow = Flow.create("agg-spill").parallelism(3);
    Dataset agg = flow.fromRows(input, "k string, v bigint, d double", 3).aggregate(List.of("k"), List.of(
        new AggCall(AggFunction.SUM, 1, "sum"), new AggCall(AggFunction.COUNT, 2, "cnt"),
        new AggCall(AggFunction.MIN, 1, "min"), new AggCall(AggFunction.MAX, 2, "max"),
        new AggCall(AggFunction.AVG, 2, "avg")));
    String id = collect(agg);
    RunResult result = run(flow, options().withMemoryBudget(200_000));
    assertTrue(result.counter("spills") > 0, "the aggregate spilled: " + result.counters());

    Map<String, Object[]> want = new HashMap<>();
    for (Row r : input) {
      Object[] s = want.computeIfAbsent(r.getString(0), k -> new Object[] {0L, 0L, Long.MAX_VALUE, null, 0.0});
      s[0] = (Long) s[0] + r.getLong(1);
      s[2] = Math.min((Long) s[2], r.getLong(1));
      if (r.get(2) != null) {
        s[1] = (Long) s[1] + 1;
        s[3] = s[3] == null ? r.get(2) : Math.max((Double) s[3], r.getDouble(2));
        s[4] = (Double) s[4] + r.getDouble(2);
      }
    }
    List<Row> got = result.rows(id);
    assertEquals(want.size(), got.size(), "one row per key");
    Set<String> seen = new HashSet<>();
    for (Row r : got) {
      assertTrue(seen.add(r.getString(0)), "key " + r.get(0) + " twice");
      Object[] s = want.get(r.getString(0));
      long cnt = (Long) s[1];
      assertEquals(Arrays.asList(s[0], s[1], s[2], s[3], cnt == 0 ? null : (Double) s[4] / cnt),
          Arrays.asList(r.values()).subList(1, 6), "key " + r.get(0));
    }
  }

  @Test
  void luaAndJavaReducersSpillToo() {
    List<Row> input = new ArrayList<>();
    Random random = new Random(5);
    Map<String, long[]> want = new HashMap<>();
    for (int i = 0; i < 40_000; i++) {
      String k = "u" + random.nextInt(15_000);
      long a = random.nextInt(100);
      long b = random.nextInt(100);
      input.add(Row.of(k, a, b));
      long[] s = want.computeIfAbsent(k, x -> new long[] {0, Long.MIN_VALUE});
      s[0] += a;
      s[1] = Math.max(s[1], b);
    }
    Flow flow = Flow.create("user-spill").parallelism(2);
    Dataset in = flow.fromRows(input, "k string, a bigint, b bigint", 2);
    Dataset lua = in.reduceByKey("function(a1, b1, a2, b2) return a1 + a2, math.max(b1, b2) end");
    Dataset java = in.reduceByKey((RowReducer) (x, y) -> Row.of(x.getLong(0) + y.getLong(0),
        Math.max(x.getLong(1), y.getLong(1))));
    String luaId = collect(lua);
    String javaId = collect(java);
    RunResult result = run(flow, options().withMemoryBudget(400_000));
    assertTrue(result.counter("spills") > 0, result.counters().toString());
    for (String id : List.of(luaId, javaId)) {
      List<Row> rows = result.rows(id);
      assertEquals(want.size(), rows.size(), id);
      for (Row r : rows) {
        long[] s = want.get(r.getString(0));
        assertEquals(List.of(s[0], s[1]), List.of(r.get(1), r.get(2)), id + " key " + r.get(0));
      }
    }
  }

  @Test
  void singlePhaseAggregateOnPrePartitionedInputSpills() {
    List<Row> input = new ArrayList<>();
    Map<String, Long> want = new HashMap<>();
    Random random = new Random(3);
    for (int i = 0; i < 30_000; i++) {
      String k = "p" + random.nextInt(12_000);
      long v = random.nextInt(50);
      input.add(Row.of(k, v));
      want.merge(k, v, Long::sum);
    }
    Flow flow = Flow.create("single").parallelism(3);
    Dataset agg = flow.fromRows(input, "k string, v bigint", 2).partition(3, "k").reduceByKey(AggFunction.SUM);
    String id = collect(agg);
    RunResult result = run(flow, options().withMemoryBudget(100_000));
    assertTrue(result.counter("spills") > 0, result.counters().toString());
    Map<String, Long> got = new HashMap<>();
    for (Row r : result.rows(id)) {
      assertEquals(null, got.put(r.getString(0), r.getLong(1)), "key twice: " + r);
    }
    assertEquals(want, got);
  }

  @Test
  void reduceAfterKeyRewritingMapShufflesAgain() {
    // partition by k, then a map that rewrites k: rows with the same new key sit in different partitions.
    List<Row> input = new ArrayList<>();
    Map<Long, Long> want = new HashMap<>();
    for (long i = 0; i < 2000; i++) {
      input.add(Row.of(i, 1L));
      want.merge(i % 7, 1L, Long::sum);
    }
    Flow flow = Flow.create("rekey").parallelism(4);
    Dataset agg = flow.fromRows(input, "k bigint, v bigint", 2)
        .partition(4, "k")
        .map(r -> Row.of(r.getLong(0) % 7, r.get(1)), "k bigint, v bigint")
        .reduceByKey(AggFunction.SUM);
    Map<Long, Long> got = new HashMap<>();
    for (Row r : rows(flow, agg)) {
      assertEquals(null, got.put(r.getLong(0), r.getLong(1)), "key twice: " + r);
    }
    assertEquals(want, got);
  }
}
