package io.gleam.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gleam.planner.Dataset;
import io.gleam.planner.Flow;
import io.gleam.planner.Row;
import io.gleam.planner.spi.RunResult;
import io.gleam.planner.spi.SourceFormat;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** groupByKey, coGroup (also spilling), union, partition and fromRows, against plain Java groupings. */
class GroupingTest extends FlowTestBase {

  private static List<Row> pairs(int n, int keys, long seed, String prefix) {
    Random random = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String k = random.nextInt(25) == 0 ? null : "k" + random.nextInt(keys);
      rows.add(Row.of(k, prefix + i, random.nextInt(9) == 0 ? null : (long) random.nextInt(100)));
    }
    return rows;
  }

  /** key -> one sorted list of values per value column. */
  private static Map<String, List<List<String>>> group(List<Row> rows, int valueColumns) {
    Map<String, List<List<String>>> m = new HashMap<>();
    for (Row r : rows) {
      List<List<String>> lists = m.computeIfAbsent(r.getString(0), k -> {
        List<List<String>> l = new ArrayList<>();
        for (int i = 0; i < valueColumns; i++) {
          l.add(new ArrayList<>());
        }
        return l;
      });
      for (int i = 0; i < valueColumns; i++) {
        lists.get(i).add(String.valueOf(r.get(1 + i)));
      }
    }
    m.values().forEach(lists -> lists.forEach(l -> l.sort(null)));
    return m;
  }

  private static List<String> sortedStrings(Object list) {
    List<String> out = new ArrayList<>();
    for (Object o : (List<?>) list) {
      out.add(String.valueOf(o));
    }
    out.sort(null);
    return out;
  }

  @ParameterizedTest
  @ValueSource(longs = {Long.MAX_VALUE / 4, 60_000})
  void groupByKey(long budget) {
    List<Row> input = pairs(20_000, 3000, 1, "v");
    Flow flow = Flow.create("group").parallelism(3);
    Dataset grouped = flow.fromRows(input, "k string, name string, n bigint", 2).groupByKey();
    String id = collect(grouped);
    RunResult result = run(flow, options().withMemoryBudget(budget));
    assertEquals(budget < 1_000_000, result.counter("spills") > 0, result.counters().toString());

    Map<String, List<List<String>>> want = group(input, 2);
    Map<String, List<List<String>>> got = new HashMap<>();
    for (Row r : result.rows(id)) {
      assertTrue(!got.containsKey(r.getString(0)), "key twice: " + r.get(0));
      got.put(r.getString(0), List.of(sortedStrings(r.get(1)), sortedStrings(r.get(2))));
    }
    assertEquals(want, got);
  }

  @ParameterizedTest
  @ValueSource(longs = {Long.MAX_VALUE / 4, 50_000})
  void coGroup(long budget) {
    List<Row> left = pairs(12_000, 2000, 2, "l");
    List<Row> right = new ArrayList<>();
    for (Row r : pairs(9_000, 2600, 3, "r")) {
      right.add(Row.of(r.get(0), r.get(1)));
    }
    Flow flow = Flow.create("cogroup").parallelism(2);
    Dataset cg = flow.fromRows(left, "k string, name string, n bigint", 3)
        .coGroup(flow.fromRows(right, "k string, name string", 2));
    assertEquals("k string, name list<string>, n list<bigint>, name_r list<string>",
        io.gleam.planner.Schemas.render(cg.schema()));
    String id = collect(cg);
    RunResult result = run(flow, options().withMemoryBudget(budget));
    assertEquals(budget < 1_000_000, result.counter("spills") > 0, result.counters().toString());

    Map<String, List<List<String>>> l = group(left, 2);
    Map<String, List<List<String>>> r = group(right, 1);
    Map<String, List<List<String>>> want = new HashMap<>();
    for (String k : union(l.keySet(), r.keySet())) {
      List<List<String>> lists = new ArrayList<>(l.getOrDefault(k, List.of(List.of(), List.of())));
      lists.addAll(r.getOrDefault(k, List.of(List.of())));
      want.put(k, lists);
    }
    Map<String, List<List<String>>> got = new HashMap<>();
    for (Row row : result.rows(id)) {
      assertTrue(!got.containsKey(row.getString(0)), "key twice: " + row.get(0));
      got.put(row.getString(0), List.of(sortedStrings(row.get(1)), sortedStrings(row.get(2)),
          sortedStrings(row.get(3))));
    }
    assertEquals(want, got);
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new HashSet<>(a);
    all.addAll(b);
    return all;
  }

  @Test
  void unionOfSameAndDifferentPartitionCountsAndColumnNames() {
    List<Row> a = pairs(3000, 100, 4, "a");
    List<Row> b = pairs(2000, 100, 5, "b");
    List<Row> c = new ArrayList<>();
    for (Row r : pairs(1000, 100, 6, "c")) {
      c.add(Row.of(r.get(0), r.get(1), r.get(2)));
    }
    Flow flow = Flow.create("union").parallelism(2);
    Dataset da = flow.fromRows(a, "k string, name string, n bigint", 2);
    Dataset db = flow.fromRows(b, "k string, name string, n bigint", 2);
    Dataset dc = flow.fromRows(c, "key string, label string, num bigint", 5);
    String same = collect(da.union(db));
    String mixed = collect(da.union(db, dc));
    RunResult result = run(flow);
    List<Row> ab = new ArrayList<>(a);
    ab.addAll(b);
    assertEquals(multiset(ab), multiset(result.rows(same)));
    List<Row> abc = new ArrayList<>(ab);
    abc.addAll(c);
    assertEquals(multiset(abc), multiset(result.rows(mixed)));
  }

  @Test
  void partitionByKeyPutsEveryKeyInExactlyOnePartFile() throws IOException {
    List<Row> input = pairs(10_000, 500, 7, "p");
    Path dir = work.resolve("parts");
    Flow flow = Flow.create("partition").parallelism(2);
    flow.fromRows(input, "k string, name string, n bigint", 3)
        .partition(4, "k")
        .writeFiles(SourceFormat.TSV, dir.toString(), false);
    run(flow);

    List<Path> parts;
    try (Stream<Path> files = Files.list(dir)) {
      parts = files.sorted().toList();
    }
    assertEquals(List.of("part-00000.tsv", "part-00001.tsv", "part-00002.tsv", "part-00003.tsv"),
        parts.stream().map(p -> p.getFileName().toString()).toList());
    Map<String, Integer> partOfKey = new HashMap<>();
    List<String> lines = new ArrayList<>();
    int nonEmpty = 0;
    for (int p = 0; p < parts.size(); p++) {
      List<String> partLines = Files.readAllLines(parts.get(p));
      nonEmpty += partLines.isEmpty() ? 0 : 1;
      for (String line : partLines) {
        String key = line.substring(0, line.indexOf('\t'));
        Integer previous = partOfKey.put(key, p);
        assertTrue(previous == null || previous == p, "key " + key + " in parts " + previous + " and " + p);
        lines.add(line);
      }
    }
    assertTrue(nonEmpty >= 3, "500 keys spread over the partitions");
    List<String> want = new ArrayList<>();
    for (Row r : input) {
      want.add((r.get(0) == null ? "\\N" : r.get(0)) + "\t" + r.get(1) + "\t" + (r.get(2) == null ? "\\N" : r.get(2)));
    }
    want.sort(null);
    lines.sort(null);
    assertEquals(want, lines);
  }

  @Test
  void partitionByKeySeenThroughOnePipeProcessPerPartition() {
    List<Row> input = pairs(5000, 300, 8, "q");
    Flow flow = Flow.create("partition-pipe").parallelism(2);
    // Each partition's process tags its distinct keys with its own PID.
    Dataset tagged = flow.fromRows(input, "k string, name string, n bigint", 2)
        .partition(3, "k")
        .select("k")
        .pipe("sort -u | sed \"s/\\$/\t$$/\"", "k string, pid string");
    List<Row> rows = rows(flow, tagged);
    Map<String, String> pidOfKey = new HashMap<>();
    for (Row r : rows) {
      assertEquals(null, pidOfKey.put(r.getString(0), r.getString(1)), "key in two partitions: " + r.get(0));
    }
    Set<String> keys = new HashSet<>();
    input.forEach(r -> keys.add(r.get(0) == null ? "\\N" : r.getString(0)));
    Set<String> gotKeys = new HashSet<>();
    pidOfKey.keySet().forEach(k -> gotKeys.add(k == null ? "\\N" : k));
    assertEquals(keys, gotKeys);
    assertEquals(3, new HashSet<>(pidOfKey.values()).size(), "three partitions, three processes");
  }

  @Test
  void fromRowsKeepsTypesAndDealsRowsRoundRobin() {
    List<Row> input = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      input.add(Row.of("r" + i, i, (long) i * 1_000_000_007L, i / 4.0, i % 2 == 0, LocalDate.of(2024, 2, 1 + i),
          new BigDecimal("12.3" + i), LocalDateTime.of(2024, 3, 1, 12, 0, i, i * 1000), i == 3 ? null : "x"));
    }
    input.add(Row.of(null, null, null, null, null, null, null, null, null));
    Flow flow = Flow.create("values").parallelism(2);
    Dataset d = flow.fromRows(input,
        "s string, i int, b bigint, d double, f boolean, day date, price decimal(10,2), at timestamp, t string", 3);
    List<Row> got = rows(flow, d);
    List<Row> want = new ArrayList<>();
    for (int p = 0; p < 3; p++) {
      for (int i = p; i < input.size(); i += 3) {
        Object[] v = input.get(i).values();
        if (v[6] != null) {
          v[6] = ((BigDecimal) v[6]).setScale(2, java.math.RoundingMode.HALF_UP);
        }
        want.add(Row.wrap(v));
      }
    }
    assertEquals(want, got);
    assertEquals(new BigDecimal("12.30"), got.get(0).get(6));
    assertEquals(Integer.class, got.get(0).get(1).getClass());
  }

  @Test
  void groupByTwoKeysCountsWithJavaMapper() {
    List<Row> input = new ArrayList<>();
    Random random = new Random(12);
    Map<List<Object>, Integer> want = new TreeMap<>((x, y) -> x.toString().compareTo(y.toString()));
    for (int i = 0; i < 4000; i++) {
      Row r = Row.of("a" + random.nextInt(6), (long) random.nextInt(4), (long) i);
      input.add(r);
      want.merge(Arrays.asList(r.get(0), r.get(1)), 1, Integer::sum);
    }
    Flow flow = Flow.create("group2").parallelism(3);
    Dataset sizes = flow.fromRows(input, "a string, b bigint, i bigint", 2)
        .groupByKey(List.of("a", "b"))
        .map(r -> Row.of(r.get(0), r.get(1), (long) ((List<?>) r.get(2)).size()), "a string, b bigint, n bigint");
    Map<List<Object>, Integer> got = new TreeMap<>((x, y) -> x.toString().compareTo(y.toString()));
    for (Row r : rows(flow, sizes)) {
      assertEquals(null, got.put(Arrays.asList(r.get(0), r.get(1)), (int) r.getLong(2)));
    }
    assertEquals(want, got);
  }
}
