package io.gleam.benchmarks;

import java.nio.file.Path;

/**
 * The classic shell word count, {@code LC_ALL=C tr -cs 'A-Za-z0-9' '\n' < FILE | LC_ALL=C sort | uniq -c}, run
 * with bash. Its output is sorted by word, not by count; {@link WordCounts} does not mind.
 */
final class ShellWordCount implements WordCountContender {
  static final String PIPELINE = "LC_ALL=C tr -cs 'A-Za-z0-9' '\\n' < \"$1\" | LC_ALL=C sort | uniq -c > \"$2\"";

  @Override
  public String name() {
    return "shell (tr | sort | uniq -c)";
  }

  @Override
  public boolean inProcess() {
    return false;
  }

  @Override
  public void run(Path input, Path output) throws Exception {
    Process process = new ProcessBuilder("bash", "-c", "set -o pipefail; " + PIPELINE, "word-count",
        input.toString(), output.toString())
        .redirectInput(ProcessBuilder.Redirect.INHERIT)
        .redirectOutput(ProcessBuilder.Redirect.INHERIT)
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    int exit = process.waitFor();
    if (exit != 0) {
      throw new IllegalStateException("shell word count exited with status " + exit + ": " + PIPELINE);
    }
  }

  @Override
  public WordCounts readOutput(Path output) throws Exception {
    return WordCounts.readUniqCounts(output);
  }
}
