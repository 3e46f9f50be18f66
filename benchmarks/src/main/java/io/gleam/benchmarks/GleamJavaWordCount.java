package io.gleam.benchmarks;

import static java.util.Objects.requireNonNull;

import io.gleam.planner.Flow;
import io.gleam.planner.Row;
import io.gleam.planner.plan.AggFunction;
import io.gleam.planner.spi.RunOptions;
import java.nio.file.Path;

/**
 * Gleam word count with Java functions, as a user would write it: a flatMap that splits each line with
 * {@link AsciiWords}, the built-in COUNT by word, a sort by count then word, and a printf sink.
 */
final class GleamJavaWordCount implements WordCountContender {
  private final RunOptions options;

  GleamJavaWordCount(RunOptions options) {
    this.options = requireNonNull(options, "options is null");
  }

  @Override
  public String name() {
    return "gleam, Java functions";
  }

  @Override
  public boolean inProcess() {
    return true;
  }

  @Override
  public void run(Path input, Path output) {
    Flow flow = Flow.create("word-count-java").parallelism(options.parallelism());
    flow.readText(options.parallelism(), input.toString())
        .flatMap((row, out) -> AsciiWords.forEach(row.getString(0), word -> out.accept(Row.of(word))), "word string")
        .reduceByKey(AggFunction.COUNT)
        .sort("count desc", "word")
        .fprintf(output.toString(), "%s\t%d\n");
    flow.run(options);
  }

  @Override
  public WordCounts readOutput(Path output) throws Exception {
    return WordCounts.readTabSeparated(output);
  }
}
