package io.gleam.cli.examples;

import io.gleam.cli.Example;
import io.gleam.cli.ExampleArgs;
import io.gleam.planner.Flow;
import java.io.PrintStream;

/**
 * Gleam's word count in Lua: split lines into words with {@code gmatch("%w+")}, pair each with 1, sum by word
 * with a Lua reducer, and print {@code word<TAB>count}, count descending, then word in byte order.
 */
public final class WordCount implements Example {
  @Override
  public void run(ExampleArgs args, PrintStream out) {
    Flow flow = Flow.create("word-count");
    int shards = args.intValue("shards", flow.parallelism());
    flow.readText(shards, args.required("input"))
        .flatMap("function(line) return line:gmatch('%w+') end", "word string")
        .map("function(word) return word, 1 end", "word string, count bigint")
        .reduceByKey("function(x, y) return x + y end")
        .sort("count desc", "word")
        .printf("%s\t%d\n");
    args.runOrExplain(flow, out);
  }
}
