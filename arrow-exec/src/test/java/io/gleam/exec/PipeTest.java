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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Pipe and pipeAsArgs steps: data through real processes, their failures, and no processes left behind. */
class PipeTest extends FlowTestBase {
  private static final Duration LIMIT = Duration.ofSeconds(60);

  @AfterEach
  void noChildProcessLeft() throws InterruptedException {
    // Helper processes exit right after the run; give a killed one a moment to be reaped.
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (ProcessHandle.current().descendants().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(List.of(), ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
        .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList());
  }

  private static List<Row> words(int n, long seed) {
    Random random = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(Row.of(Integer.toString(random.nextInt(1_000_000), 36), (long) random.nextInt(1000)));
    }
    return rows;
  }

  @Test
  void pipeThroughSortMatchesSortOnTheSameLines() throws java.io.IOException {
    List<Row> input = words(3000, 1);
    input.add(Row.of("with\ttab", 1L));
    input.add(Row.of("back\\slash", 2L));
    input.add(Row.of(null, null));
    Flow flow = Flow.create("pipe-sort").parallelism(2);
    Dataset sorted = flow.fromRows(input, "w string, n bigint", 1).pipe("sort");
    List<Row> got = rows(flow, sorted);

    // The oracle: the same tab-separated lines (NULL as \N, tab and backslash escaped) through sort(1) in the
    // same environment, read back by hand.
    StringBuilder lines = new StringBuilder();
    for (Row r : input) {
      lines.append(r.get(0) == null ? "\\N" : r.getString(0).replace("\\", "\\\\").replace("\t", "\\t"))
          .append('\t').append(r.get(1) == null ? "\\N" : r.get(1)).append('\n');
    }
    java.nio.file.Path file = work.resolve("lines.tsv");
    java.nio.file.Files.writeString(file, lines);
    List<Row> want = new ArrayList<>();
    for (String line : shell("sort", file, false).split("\n")) {
      String[] f = line.split("\t", 2);
      String w = f[0].equals("\\N") ? null : f[0].replace("\\t", "\t").replace("\\\\", "\\");
      want.add(Row.of(w, f[1].equals("\\N") ? null : Long.parseLong(f[1])));
    }
    assertEquals(want, got);
  }

  @Test
  void pipeWithLocaleFixedOrdersLikeJava() {
    List<Row> input = words(5000, 2);
    Flow flow = Flow.create("pipe-c-sort").parallelism(2);
    Dataset sorted = flow.fromRows(input, "w string, n bigint", 1).pipe("LC_ALL=C sort -t '\t' -k1,1 -k2,2n");
    List<Row> want = new ArrayList<>(input);
    want.sort(java.util.Comparator.comparing((Row r) -> r.getString(0)).thenComparing(r -> r.getLong(1)));
    assertEquals(want, rows(flow, sorted));
  }

  @Test
  void pipeWithDeclaredSchemaOnEveryPartition() {
    List<Row> input = words(4000, 3);
    Flow flow = Flow.create("pipe-awk").parallelism(2);
    Dataset lengths = flow.fromRows(input, "w string, n bigint", 3)
        .pipe("awk -F '\t' '{ printf \"%s\\t%d\\t%d\\n\", $1, length($1), $2 * 2 }'",
            "w string, len int, twice bigint");
    List<Row> want = new ArrayList<>();
    for (Row r : input) {
      want.add(Row.of(r.get(0), r.getString(0).length(), r.getLong(1) * 2));
    }
    assertEquals(multiset(want), multiset(rows(flow, lengths)));
  }

  @Test
  void pipeAsArgsRunsOneProcessPerRow() {
    List<Row> input = List.of(Row.of("plain", 1L), Row.of("it's quoted", 2L), Row.of("$HOME; echo no", 3L),
        Row.of(null, 4L));
    Flow flow = Flow.create("pipe-args").parallelism(2);
    Dataset echoed = flow.fromRows(input, "w string, n bigint", 2)
        .pipeAsArgs("echo $1; echo n=$2", "line string");
    List<Row> want = new ArrayList<>();
    for (Row r : input) {
      want.add(Row.of(r.get(0) == null ? "" : r.getString(0)));
      want.add(Row.of("n=" + r.get(1)));
    }
    assertEquals(multiset(want), multiset(rows(flow, echoed)));
  }

  @Test
  void pipeAsArgsEchoFirstField() {
    Flow flow = Flow.create("echo1");
    Dataset out = flow.fromRows(List.of(Row.of("a b"), Row.of("c")), "w string", 1).pipeAsArgs("echo $1", "w string");
    assertEquals(List.of(Row.of("a b"), Row.of("c")), rows(flow, out));
  }

  @Test
  void failingCommandNamesStepCommandCodeAndStderr() {
    Flow flow = Flow.create("pipe-fail").parallelism(2);
    Dataset failed = flow.fromRows(words(2000, 4), "w string, n bigint", 3)
        .pipe("sh -c 'echo oops >&2; exit 3'");
    String step = failed.name();
    collect(failed);
    GleamException e = assertTimeoutPreemptively(LIMIT, () -> assertThrows(GleamException.class, () -> run(flow)));
    assertEquals(ErrorCode.PIPE_FAILED, e.code(), e.toString());
    String m = e.getMessage();
    assertTrue(m.contains("'" + step + "'"), m);
    assertTrue(m.contains("sh -c 'echo oops >&2; exit 3'"), m);
    assertTrue(m.contains("code 3"), m);
    assertTrue(m.contains("oops"), m);
    assertEquals(List.of(), ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
        .map(ProcessHandle::pid).toList(), "no pipe process outlives the run");
  }

  @Test
  void failingPipeAsArgsNamesTheCommandAsRun() {
    Flow flow = Flow.create("args-fail");
    Dataset failed = flow.fromRows(List.of(Row.of("ok"), Row.of("bad")), "w string", 1)
        .pipeAsArgs("test $1 = ok || { echo not ok: $1 >&2; exit 7; }; echo $1", "w string");
    collect(failed);
    GleamException e = assertThrows(GleamException.class, () -> run(flow));
    assertEquals(ErrorCode.PIPE_FAILED, e.code());
    assertTrue(e.getMessage().contains("code 7") && e.getMessage().contains("not ok: bad")
        && e.getMessage().contains(failed.name()) && e.getMessage().contains("'bad'"), e.getMessage());
  }

  @Test
  void outputThatDoesNotParseNamesLineAndColumn() {
    Flow flow = Flow.create("pipe-parse");
    Dataset bad = flow.fromRows(words(100, 5), "w string, n bigint", 1)
        .pipe("awk -F '\t' 'NR == 42 { print $1 \"\\tnot-a-number\"; next } { print $1 \"\\t\" $2 }'",
            "w string, n bigint");
    collect(bad);
    GleamException e = assertThrows(GleamException.class, () -> run(flow));
    assertEquals(ErrorCode.PIPE_FAILED, e.code());
    String m = e.getMessage();
    assertTrue(m.contains(bad.name()) && m.contains("line 42") && m.contains("'n'") && m.contains("not-a-number")
        && m.contains("bigint"), m);
  }

  @Test
  void outputWithTooFewFields() {
    Flow flow = Flow.create("pipe-fields");
    Dataset bad = flow.fromRows(words(10, 6), "w string, n bigint", 1).pipe("cut -f1", "w string, n bigint");
    collect(bad);
    GleamException e = assertThrows(GleamException.class, () -> run(flow));
    assertEquals(ErrorCode.PIPE_FAILED, e.code());
    assertTrue(e.getMessage().contains("expected 2 tab-separated fields, found 1"), e.getMessage());
  }

  @Test
  void commandThatStopsReadingEarlyIsFine() {
    Flow flow = Flow.create("pipe-head").parallelism(2);
    Dataset head = flow.fromRows(words(200_000, 7), "w string, n bigint", 2).pipe("head -n 3");
    List<Row> got = assertTimeoutPreemptively(LIMIT, () -> rows(flow, head));
    assertEquals(6, got.size(), "three lines from each of two partitions");
  }

  @Test
  void slowPipeIsKilledWhenAnotherTaskFails() {
    Flow flow = Flow.create("pipe-cancel").parallelism(2);
    Dataset sleepy = flow.fromRows(words(10, 8), "w string, n bigint", 1).pipe("cat; sleep 120");
    Dataset failing = flow.fromRows(words(10, 9), "w string, n bigint", 2).map(r -> {
      throw new IllegalStateException("boom");
    }, "w string, n bigint");
    collect(sleepy.union(failing));
    GleamException e = assertTimeoutPreemptively(LIMIT, () -> assertThrows(GleamException.class, () -> run(flow)));
    assertEquals(ErrorCode.USER_FUNCTION_FAILED, e.code(), e.toString());
  }
}
