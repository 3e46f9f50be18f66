package io.gleam.benchmarks;

import java.nio.file.Path;

/** One way of counting the words of a file, timed by {@link WordCountComparison}. */
interface WordCountContender {
  /** A short name for the results table, e.g. {@code gleam-java}. */
  String name();

  /** Whether the contender runs inside this JVM, so that a warm-up run should precede the timed runs. */
  boolean inProcess();

  /**
   * Counts the words of {@code input} and writes one line per distinct word to {@code output} (which may be
   * {@code /dev/null}), most frequent first.
   */
  void run(Path input, Path output) throws Exception;

  /** Reads back the counts that {@link #run} wrote to {@code output}. */
  WordCounts readOutput(Path output) throws Exception;
}
