package io.gleam.cli;

import io.gleam.cli.examples.CsvJoin;
import io.gleam.cli.examples.PipeWordCount;
import io.gleam.cli.examples.WordCount;
import io.gleam.cli.sql.SqlCommand;
import io.gleam.planner.GleamException;
import java.io.PrintStream;
import java.util.Arrays;

/** The {@code gleam} command line: {@code gleam sql [options]}, {@code gleam example NAME [options]}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
      out.print(usage());
      return args.length == 0 ? 2 : 0;
    }
    try {
      switch (args[0]) {
        case "example" -> {
          if (args.length < 2) {
            err.print(usage());
            return 2;
          }
          ExampleArgs ex = ExampleArgs.parse(Arrays.copyOfRange(args, 2, args.length));
          Example example = switch (args[1]) {
            case "word-count" -> new WordCount();
            case "pipe-word-count" -> new PipeWordCount();
            case "csv-join" -> new CsvJoin();
            default -> throw new UsageException("unknown example '" + args[1] + "'");
          };
          example.run(ex, out);
          out.flush();
          return 0;
        }
        case "sql" -> {
          return SqlCommand.main(Arrays.copyOfRange(args, 1, args.length), System.in, out, err);
        }
        default -> throw new UsageException("unknown command '" + args[0] + "'");
      }
    } catch (UsageException e) {
      err.println("gleam: " + e.getMessage());
      err.print(usage());
      return 2;
    } catch (GleamException e) {
      out.flush();
      err.println("gleam: " + e.code() + ": " + e.getMessage());
      return 1;
    }
  }

  static String usage() {
    return """
        usage: gleam sql [--catalog DIR | --memory] [-e SQL | -f FILE] [--format table|csv|tsv|json]
               gleam example word-count --input FILE [--shards N] [--explain | --dot]
               gleam example pipe-word-count --input FILE [--shards N] [--explain | --dot]
               gleam example csv-join --left A.csv --right B.csv [--explain | --dot]
        options: --memory BYTES  (example) memory budget for aggregates, joins and sorts before they spill
                 --catalog DIR   (sql) where the catalog is kept, ~/.gleam by default; --memory keeps it in memory
                 -e SQL, -f FILE (sql) run statements separated by ';' instead of opening the console
        """;
  }
}
