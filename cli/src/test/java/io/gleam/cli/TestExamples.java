package io.gleam.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three examples end to end through the command line, against Unix tools as the oracle:
 * {@code tr | sort | uniq -c} for word counts, {@code join} and {@code awk} for the CSV join.
 */
class TestExamples {
  @TempDir
  Path dir;

  private record Result(int code, String out, String err) {}

  private static Result gleam(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream saved = System.out;
    PrintStream capture = new PrintStream(out, true, StandardCharsets.UTF_8);
    System.setOut(capture);
    int code;
    try {
      code = Main.run(args, capture, new PrintStream(err, true, StandardCharsets.UTF_8));
    } finally {
      capture.flush();
      System.setOut(saved);
    }
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static String shell(String script) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("bash", "-c", script).redirectErrorStream(false).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), "oracle failed: " + script + "\n" + err);
    return out;
  }

  /** Text with punctuation, digits, mixed case, empty lines, tabs and non-ASCII words. */
  private Path text(int lines, long seed) throws IOException {
    Random r = new Random(seed);
    String[] words = {"the", "fox", "Fox", "dog", "a1", "42", "café", "naïve", "über", "x", "lazy", "b2b", "q"};
    String[] seps = {" ", "  ", ", ", ". ", "\t", "-", "; ", "!"};
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      int n = r.nextInt(15);
      for (int w = 0; w < n; w++) {
        // a Zipf-like skew: earlier words are more frequent
        sb.append(words[Math.min(words.length - 1, (int) (Math.abs(r.nextGaussian()) * 4))]);
        sb.append(seps[r.nextInt(seps.length)]);
      }
      sb.append('\n');
    }
    Path file = dir.resolve("text-" + seed + ".txt");
    Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    return file;
  }

  /** The oracle's word counts as {@code word<TAB>count} lines, count descending, then word in byte order. */
  private static List<String> oracleWordCounts(Path file) throws IOException, InterruptedException {
    String uniq = shell("LC_ALL=C tr -cs 'A-Za-z0-9' '\\n' < '" + file + "' | grep -v '^$' | LC_ALL=C sort | uniq -c");
    List<String[]> counts = new ArrayList<>();
    for (String line : uniq.split("\n")) {
      String[] parts = line.strip().split(" ", 2);
      counts.add(new String[] {parts[1], parts[0]});
    }
    counts.sort(Comparator.<String[]>comparingLong(c -> -Long.parseLong(c[1]))
        .thenComparing(c -> c[0].getBytes(StandardCharsets.ISO_8859_1), Arrays::compare));
    return counts.stream().map(c -> c[0] + "\t" + c[1]).collect(Collectors.toList());
  }

  private static List<String> lines(String s) {
    return s.isEmpty() ? List.of() : List.of(s.split("\n"));
  }

  @Test
  void wordCountMatchesShellPipeline() throws Exception {
    Path file = text(5000, 7);
    List<String> expected = oracleWordCounts(file);
    for (String shards : List.of("1", "3")) {
      Result r = gleam("example", "word-count", "--input", file.toString(), "--shards", shards);
      assertEquals(0, r.code(), r.err());
      assertEquals(expected, lines(r.out()), "shards=" + shards);
    }
  }

  @Test
  void wordCountSpillsWithATinyBudgetAndStillMatches() throws Exception {
    Path file = text(3000, 11);
    Result r = gleam("example", "word-count", "--input", file.toString(), "--shards", "2", "--memory", "2000");
    assertEquals(0, r.code(), r.err());
    assertEquals(oracleWordCounts(file), lines(r.out()));
  }

  @Test
  void pipeWordCountMatchesShellPipeline() throws Exception {
    Path file = text(4000, 13);
    Result r = gleam("example", "pipe-word-count", "--input", file.toString(), "--shards", "3");
    assertEquals(0, r.code(), r.err());
    assertEquals(oracleWordCounts(file), lines(r.out()));
  }

  @Test
  void csvJoinMatchesJoinAndAwk() throws Exception {
    Random rnd = new Random(3);
    StringBuilder a = new StringBuilder("a1,a2,a3,a4\n");
    StringBuilder b = new StringBuilder("b1,b2,b3\n");
    for (int i = 0; i < 400; i++) {
      a.append("k").append(rnd.nextInt(60)).append(",x").append(i).append(',').append(i % 7).append(",v").append(i).append('\n');
    }
    for (int i = 0; i < 300; i++) {
      b.append("r").append(i).append(",k").append(rnd.nextInt(80)).append(",w").append(i).append('\n');
    }
    Path left = dir.resolve("a.csv");
    Path right = dir.resolve("b.csv");
    Files.writeString(left, a.toString());
    Files.writeString(right, b.toString());
    String oracle = shell("export LC_ALL=C; join -t, -1 1 -2 2 <(tail -n +2 '" + left + "' | sort -t, -k1,1) "
        + "<(tail -n +2 '" + right + "' | sort -t, -k2,2) | awk -F, '{print $1\",\"$4\",\"$6}' | sort");
    Result r = gleam("example", "csv-join", "--left", left.toString(), "--right", right.toString());
    assertEquals(0, r.code(), r.err());
    List<String> got = new ArrayList<>(lines(r.out()));
    assertTrue(got.size() > 100, "the join should produce many rows, got " + got.size());
    List<String> sortedGot = new ArrayList<>(got);
    sortedGot.sort(Comparator.comparing(s -> s.getBytes(StandardCharsets.UTF_8), Arrays::compare));
    assertEquals(lines(oracle), sortedGot);
  }

  @Test
  void explainAndDotPrintThePlanInsteadOfRunning() throws Exception {
    Path file = text(10, 1);
    Result text = gleam("example", "word-count", "--input", file.toString(), "--explain");
    assertEquals(0, text.code(), text.err());
    assertTrue(text.out().contains("Aggregate[PARTIAL, keys=[$0]"), text.out());
    assertTrue(text.out().contains("-> hash([$0], "), text.out());
    assertTrue(text.out().contains("Aggregate[FINAL"), text.out());
    Result dot = gleam("example", "csv-join", "--left", "../examples/data/a.csv", "--right", "../examples/data/b.csv", "--dot");
    assertEquals(0, dot.code(), dot.err());
    assertTrue(dot.out().startsWith("digraph \"csv-join\" {"), dot.out());
    assertTrue(dot.out().contains("HashJoin[INNER"), dot.out());
  }

  @Test
  void badInputGetsAClearError() throws Exception {
    Result missing = gleam("example", "word-count", "--input", dir.resolve("nope.txt").toString());
    assertEquals(1, missing.code());
    assertTrue(missing.err().contains("INPUT_NOT_FOUND") && missing.err().contains("nope.txt"), missing.err());

    Path bad = dir.resolve("bad.csv");
    Files.writeString(bad, "a1,a2,a3,a4\nk1,x,1,v\nk2,y,2\n");
    Result malformed = gleam("example", "csv-join", "--left", bad.toString(), "--right", "../examples/data/b.csv");
    assertEquals(1, malformed.code());
    assertTrue(malformed.err().contains("bad.csv line 3: expected 4 fields, found 3"), malformed.err());

    Result usage = gleam("example", "word-count");
    assertEquals(2, usage.code());
    assertTrue(usage.err().contains("missing --input"), usage.err());
  }
}
