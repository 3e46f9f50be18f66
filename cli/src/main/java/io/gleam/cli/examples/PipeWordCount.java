package io.gleam.cli.examples;

import io.gleam.cli.Example;
import io.gleam.cli.ExampleArgs;
import io.gleam.planner.Flow;
import io.gleam.planner.Row;
import java.io.PrintStream;

/**
 * Word count with Unix tools: tokenize in Lua, partition by word so each word meets one process, then
 * {@code sort | uniq -c} as pipe steps; the counts are parsed back and sorted like the Lua word count.
 */
public final class PipeWordCount implements Example {
  @Override
  public void run(ExampleArgs args, PrintStream out) {
    Flow flow = Flow.create("pipe-word-count");
    int shards = args.intValue("shards", flow.parallelism());
    flow.readText(shards, args.required("input"))
        .flatMap("function(line) return line:gmatch('%w+') end", "word string")
        .partition(flow.parallelism(), "word")
        .pipe("LC_ALL=C sort")
        .pipe("uniq -c", "line string")
        .map(PipeWordCount::parseUniqLine, "word string, count bigint")
        .sort("count desc", "word")
        .printf("%s\t%d\n");
    args.runOrExplain(flow, out);
  }

  /** {@code "      3 word"} to {@code (word, 3)}. */
  static Row parseUniqLine(Row row) {
    String line = row.getString(0).strip();
    int space = line.indexOf(' ');
    return Row.of(line.substring(space + 1), Long.parseLong(line.substring(0, space)));
  }
}
