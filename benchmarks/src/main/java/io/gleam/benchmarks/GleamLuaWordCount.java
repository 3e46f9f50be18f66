package io.gleam.benchmarks;

import static java.util.Objects.requireNonNull;

import io.gleam.planner.Flow;
import io.gleam.planner.spi.RunOptions;
import java.nio.file.Path;

/**
 * Gleam word count in Lua, the flow of the {@code gleam example word-count} command: {@code gmatch("%w+")}, pair
 * each word with 1, a Lua reducer, sort by count then word. Only the sink differs: a file instead of stdout.
 */
final class GleamLuaWordCount implements WordCountContender {
  private final RunOptions options;

  GleamLuaWordCount(RunOptions options) {
    this.options = requireNonNull(options, "options is null");
  }

  @Override
  public String name() {
    return "gleam, Lua functions";
  }

  @Override
  public boolean inProcess() {
    return true;
  }

  @Override
  public void run(Path input, Path output) {
    Flow flow = Flow.create("word-count-lua").parallelism(options.parallelism());
    flow.readText(options.parallelism(), input.toString())
        .flatMap("function(line) return line:gmatch('%w+') end", "word string")
        .map("function(word) return word, 1 end", "word string, count bigint")
        .reduceByKey("function(x, y) return x + y end")
        .sort("count desc", "word")
        .fprintf(output.toString(), "%s\t%d\n");
    flow.run(options);
  }

  @Override
  public WordCounts readOutput(Path output) throws Exception {
    return WordCounts.readTabSeparated(output);
  }
}
