package io.gleam.benchmarks;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The count of every distinct word, as one contender's output file gives it, for checking that contenders agree.
 */
record WordCounts(Map<String, Long> counts) {
  /** Count descending, then word in byte order: the order every contender sorts its output in. */
  static final Comparator<Map.Entry<String, Long>> BY_COUNT_THEN_WORD =
      Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey());

  WordCounts {
    counts = Map.copyOf(requireNonNull(counts, "counts is null"));
  }

  /** Reads {@code word<TAB>count} lines. */
  static WordCounts readTabSeparated(Path file) throws IOException {
    Map<String, Long> counts = new HashMap<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int lineNumber = 0;
      while ((line = in.readLine()) != null) {
        lineNumber++;
        int tab = line.indexOf('\t');
        if (tab < 0) {
          throw new IllegalStateException(
              file + " line " + lineNumber + ": expected word<TAB>count, got '" + line + "'");
        }
        add(counts, file, lineNumber, line.substring(0, tab), line.substring(tab + 1));
      }
    }
    return new WordCounts(counts);
  }

  /**
   * Reads {@code uniq -c} lines: a right-aligned count, a space, the word. The empty word that {@code tr} makes
   * when the text starts with a separator is skipped.
   */
  static WordCounts readUniqCounts(Path file) throws IOException {
    Map<String, Long> counts = new HashMap<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int lineNumber = 0;
      while ((line = in.readLine()) != null) {
        lineNumber++;
        String trimmed = line.stripLeading();
        int space = trimmed.indexOf(' ');
        String count = space < 0 ? trimmed : trimmed.substring(0, space);
        String word = space < 0 ? "" : trimmed.substring(space + 1);
        if (!word.isEmpty()) {
          add(counts, file, lineNumber, word, count);
        }
      }
    }
    return new WordCounts(counts);
  }

  private static void add(Map<String, Long> counts, Path file, int lineNumber, String word, String count) {
    long n;
    try {
      n = Long.parseLong(count.trim());
    } catch (NumberFormatException e) {
      throw new IllegalStateException(file + " line " + lineNumber + ": count '" + count + "' is not a number", e);
    }
    if (counts.put(word, n) != null) {
      throw new IllegalStateException(file + " line " + lineNumber + ": word '" + word + "' appears twice");
    }
  }

  long totalWords() {
    long total = 0;
    for (long c : counts.values()) {
      total += c;
    }
    return total;
  }

  int distinctWords() {
    return counts.size();
  }

  /** The {@code n} most frequent words, ties by word. */
  List<Map.Entry<String, Long>> top(int n) {
    List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
    entries.sort(BY_COUNT_THEN_WORD);
    return List.copyOf(entries.subList(0, Math.min(n, entries.size())));
  }

  /**
   * What differs from {@code expected}: totals, distinct words, the top 100, and up to 5 words whose counts
   * differ; empty when the counts are identical.
   */
  String differencesFrom(WordCounts expected) {
    if (counts.equals(expected.counts)) {
      return "";
    }
    StringBuilder s = new StringBuilder();
    s.append(String.format("total words %,d (expected %,d), distinct words %,d (expected %,d)",
        totalWords(), expected.totalWords(), distinctWords(), expected.distinctWords()));
    if (!top(100).equals(expected.top(100))) {
      s.append("; the top 100 differ");
    }
    TreeSet<String> words = new TreeSet<>(counts.keySet());
    words.addAll(expected.counts.keySet());
    int shown = 0;
    for (String w : words) {
      Long actual = counts.get(w);
      Long wanted = expected.counts.get(w);
      if (!Objects.equals(actual, wanted)) {
        s.append(String.format("; '%s': %s (expected %s)", w, actual, wanted));
        if (++shown == 5) {
          break;
        }
      }
    }
    return s.toString();
  }
}
