package io.gleam.benchmarks;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The single-threaded baseline: read lines with a {@link BufferedReader}, split them with {@link AsciiWords},
 * count in a {@code HashMap<String, long[]>}, sort by count then word, write {@code word<TAB>count} lines.
 */
final class JavaLoopWordCount implements WordCountContender {
  private static final Comparator<Map.Entry<String, long[]>> BY_COUNT_THEN_WORD =
      Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[0]).thenComparing(Map.Entry::getKey);

  @Override
  public String name() {
    return "java loop (1 thread)";
  }

  @Override
  public boolean inProcess() {
    return true;
  }

  @Override
  public void run(Path input, Path output) throws Exception {
    Map<String, long[]> counts = new HashMap<>();
    try (BufferedReader in = Files.newBufferedReader(input)) {
      String line;
      while ((line = in.readLine()) != null) {
        AsciiWords.forEach(line, word -> counts.computeIfAbsent(word, w -> new long[1])[0]++);
      }
    }
    List<Map.Entry<String, long[]>> sorted = new ArrayList<>(counts.entrySet());
    sorted.sort(BY_COUNT_THEN_WORD);
    try (BufferedWriter out = Files.newBufferedWriter(output)) {
      for (Map.Entry<String, long[]> e : sorted) {
        out.write(e.getKey());
        out.write('\t');
        out.write(Long.toString(e.getValue()[0]));
        out.write('\n');
      }
    }
  }

  @Override
  public WordCounts readOutput(Path output) throws Exception {
    return WordCounts.readTabSeparated(output);
  }
}
