package io.gleam.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gleam.planner.spi.RunOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WordCountComparisonTest {
  private final ByteArrayOutputStream progress = new ByteArrayOutputStream();

  @Test
  void allContendersAgreeOnASmallCorpus(@TempDir Path dir) throws Exception {
    Path input = dir.resolve("corpus.txt");
    long bytes = ZipfCorpus.defaults().writeFile(input, 300_000);
    RunOptions options = RunOptions.defaults().withParallelism(2).withSpillDirectory(dir);
    List<WordCountComparison.Timings> results = comparison(input, dir.resolve("out"),
        WordCountComparison.allContenders(options)).run();
    assertEquals(List.of("java-loop", "shell", "gleam-java", "gleam-lua"),
        results.stream().map(WordCountComparison.Timings::id).toList());
    results.forEach(t -> assertEquals(2, t.runs().size()));
    results.forEach(t -> assertTrue(t.medianCpu() > 0, t.id() + " used no CPU: " + t.runs()));
    String table = WordCountComparison.table(results, bytes);
    assertEquals(6, table.lines().count(), table);
    assertTrue(table.contains("| shell (tr \\| sort \\| uniq -c) |") && table.contains("| 1.00x |"), table);
  }

  @Test
  void failsWhenAContenderMiscounts(@TempDir Path dir) throws Exception {
    Path input = dir.resolve("corpus.txt");
    ZipfCorpus.defaults().writeFile(input, 50_000);
    Map<String, WordCountContender> contenders = new LinkedHashMap<>();
    contenders.put("java-loop", new JavaLoopWordCount());
    contenders.put("off-by-one", new OffByOne());
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> comparison(input, dir.resolve("out"), contenders).run());
    assertTrue(e.getMessage().contains("word counts of off-by-one"), e.getMessage());
    assertTrue(e.getMessage().contains("total words"), e.getMessage());
  }

  @Test
  void mediansOfOddAndEvenRuns() {
    assertEquals(2.0, timings(3.0, 1.0, 2.0).median());
    assertEquals(2.5, timings(4.0, 1.0, 2.0, 3.0).median());
    assertEquals(5.0, timings(4.0, 1.0, 2.0, 3.0).medianCpu());
  }

  private static WordCountComparison.Timings timings(double... seconds) {
    List<WordCountComparison.Run> runs = new ArrayList<>();
    for (double s : seconds) {
      runs.add(new WordCountComparison.Run(s, 2 * s));
    }
    return new WordCountComparison.Timings("a", "a", runs);
  }

  private WordCountComparison comparison(Path input, Path work, Map<String, WordCountContender> contenders) {
    return new WordCountComparison(input, work, 2, contenders, new PrintStream(progress, true));
  }

  /** A fake that counts like the Java loop, then adds one to the first word's count. */
  private static final class OffByOne implements WordCountContender {
    private final JavaLoopWordCount loop = new JavaLoopWordCount();

    @Override
    public String name() {
      return "off by one";
    }

    @Override
    public boolean inProcess() {
      return true;
    }

    @Override
    public void run(Path input, Path output) throws Exception {
      loop.run(input, output);
      if (!output.toString().equals("/dev/null")) {
        List<String> lines = new ArrayList<>(Files.readAllLines(output));
        String[] first = lines.get(0).split("\t");
        lines.set(0, first[0] + "\t" + (Long.parseLong(first[1]) + 1));
        Files.write(output, lines);
      }
    }

    @Override
    public WordCounts readOutput(Path output) throws Exception {
      return WordCounts.readTabSeparated(output);
    }
  }
}
