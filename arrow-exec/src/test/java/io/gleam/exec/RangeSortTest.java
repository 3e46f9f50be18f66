package io.gleam.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gleam.planner.Dataset;
import io.gleam.planner.Flow;
import io.gleam.planner.Row;
import io.gleam.planner.plan.PlanRenderer;
import io.gleam.planner.plan.SortKey;
import io.gleam.planner.spi.RunResult;
import io.gleam.planner.spi.SourceFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A sort written to a directory of part files stays parallel to the end: a range exchange with boundaries sampled at
 * run time, then a local sort per partition, so the part files in name order are the sorted rows. Checked against a
 * plain Java sort of the input.
 */
class RangeSortTest extends FlowTestBase {
  private static final Duration LIMIT = Duration.ofSeconds(60);
  /** k descending with NULLs last, then v ascending with NULLs first: neither is the default NULL order. */
  private static final List<SortKey> ORDER = List.of(
      new SortKey(0, SortKey.Direction.DESC, SortKey.NullOrder.LAST),
      new SortKey(1, SortKey.Direction.ASC, SortKey.NullOrder.FIRST));

  /** Skewed keys: about half the rows share one key, a few percent are NULL; v is NULL now and then. */
  private static List<Row> skewed(int n, long seed) {
    Random random = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int pick = random.nextInt(100);
      String k = pick < 50 ? "hot" : pick < 54 ? null : "k" + random.nextInt(5000);
      Long v = random.nextInt(40) == 0 ? null : (long) random.nextInt(1000) - 500;
      rows.add(Row.of(k, v));
    }
    return rows;
  }

  /** The oracle: the rows sorted by a comparator written here, rendered as the TSV writer renders them. */
  private static List<String> sortedTsv(List<Row> rows) {
    Comparator<String> kDescNullsLast = Comparator.nullsLast(Comparator.<String>reverseOrder());
    Comparator<Long> vAscNullsFirst = Comparator.nullsFirst(Comparator.<Long>naturalOrder());
    List<Row> sorted = new ArrayList<>(rows);
    sorted.sort(Comparator.comparing((Row r) -> (String) r.get(0), kDescNullsLast)
        .thenComparing(r -> (Long) r.get(1), vAscNullsFirst));
    List<String> lines = new ArrayList<>();
    for (Row r : sorted) {
      lines.add((r.get(0) == null ? "\\N" : r.get(0)) + "\t" + (r.get(1) == null ? "\\N" : r.get(1)));
    }
    return lines;
  }

  /** The part files of {@code dir} in name order, and their lines one after another. */
  private static List<List<String>> parts(Path dir) throws IOException {
    List<List<String>> parts = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.filter(f -> f.getFileName().toString().startsWith("part-")).sorted().toList()) {
        parts.add(Files.readAllLines(p, StandardCharsets.UTF_8));
      }
    }
    return parts;
  }

  private static List<String> concatenated(List<List<String>> parts) {
    List<String> all = new ArrayList<>();
    parts.forEach(all::addAll);
    return all;
  }

  private Flow sortToDirectory(String name, List<Row> rows, int shards, int parallelism, Path dir) {
    Flow flow = Flow.create(name).parallelism(parallelism);
    flow.fromRows(rows, "k string, v bigint", shards)
        .map("function(k, v) return k, v end", "k string, v bigint")
        .sort(ORDER)
        .writeFiles(SourceFormat.TSV, dir.toString(), false);
    return flow;
  }

  @Test
  void partFilesInNameOrderAreTheSortedRows() throws IOException {
    List<Row> rows = skewed(60_000, 7);
    Path dir = work.resolve("sorted");
    Flow flow = sortToDirectory("range-sort", rows, 3, 4, dir);
    String plan = PlanRenderer.text(flow.plan());
    assertTrue(plan.contains("-> range([$0 DESC, $1], 4)"), plan);
    assertTimeoutPreemptively(LIMIT, () -> run(flow));
    List<List<String>> parts = parts(dir);
    assertEquals(4, parts.size());
    assertEquals(sortedTsv(rows), concatenated(parts));
    long nonEmpty = parts.stream().filter(p -> !p.isEmpty()).count();
    assertTrue(nonEmpty >= 3, "rows spread over the partitions: " + parts.stream().map(List::size).toList());
  }

  @Test
  void aTinyBudgetSpillsWhatProducersKeepUntilTheBoundariesAreKnown() throws IOException {
    List<Row> rows = skewed(40_000, 11);
    Path dir = work.resolve("spilled");
    Flow flow = sortToDirectory("range-spill", rows, 2, 3, dir);
    RunResult result = assertTimeoutPreemptively(LIMIT,
        () -> run(flow, options().withMemoryBudget(32 * 1024).withBatchRows(500)));
    assertEquals(sortedTsv(rows), concatenated(parts(dir)));
    assertTrue(result.counter("exchange.spilledBatches") > 0, "counters: " + result.counters());
  }

  @Test
  void emptyProducersDoNotHoldTheOthersUp() throws IOException {
    // Four shards of three rows: most producers have no rows at all after the filter.
    List<Row> rows = new ArrayList<>(skewed(3, 5));
    Path dir = work.resolve("few");
    Flow flow = Flow.create("range-few").parallelism(3);
    flow.fromRows(rows, "k string, v bigint", 4)
        .filter("function(k, v) return true end")
        .sort(ORDER)
        .writeFiles(SourceFormat.TSV, dir.toString(), false);
    assertTimeoutPreemptively(LIMIT, () -> run(flow));
    assertEquals(sortedTsv(rows), concatenated(parts(dir)));
  }

  @Test
  void noRowsAtAllMakesEmptyPartFiles() throws IOException {
    Path dir = work.resolve("none");
    Flow flow = sortToDirectory("range-none", List.of(), 3, 2, dir);
    assertTimeoutPreemptively(LIMIT, () -> run(flow));
    assertEquals(List.of(), concatenated(parts(dir)));
  }

  @Test
  void aSortReadByAnotherStepStillMergesIntoOnePartition() {
    List<Row> rows = skewed(2_000, 3);
    Flow flow = Flow.create("range-collect").parallelism(3);
    Dataset sorted = flow.fromRows(rows, "k string, v bigint", 3).sort(ORDER);
    List<Row> got = assertTimeoutPreemptively(LIMIT, () -> rows(flow, sorted));
    List<String> lines = new ArrayList<>();
    for (Row r : got) {
      lines.add((r.get(0) == null ? "\\N" : r.get(0)) + "\t" + (r.get(1) == null ? "\\N" : r.get(1)));
    }
    assertEquals(sortedTsv(rows), lines);
  }
}
