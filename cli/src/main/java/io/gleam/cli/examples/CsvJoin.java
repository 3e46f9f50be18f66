package io.gleam.cli.examples;

import io.gleam.cli.Example;
import io.gleam.cli.ExampleArgs;
import io.gleam.planner.ErrorCode;
import io.gleam.planner.Flow;
import io.gleam.planner.GleamException;
import io.gleam.planner.plan.JoinType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Gleam's CSV join: two CSV files with header lines (left columns a1, a2, ..., right b1, b2, ...), joined where
 * a1 = b2, printing {@code a1,a4,b3} sorted by a1, a4, b3.
 */
public final class CsvJoin implements Example {
  @Override
  public void run(ExampleArgs args, PrintStream out) {
    String left = args.required("left");
    String right = args.required("right");
    Flow flow = Flow.create("csv-join");
    var a = flow.readCsv(left, stringSchema(left), true);
    var b = flow.readCsv(right, stringSchema(right), true);
    a.join(b, List.of("a1"), List.of("b2"), JoinType.INNER)
        .select("a1", "a4", "b3")
        .sort("a1", "a4", "b3")
        .printf("%s,%s,%s\n");
    args.runOrExplain(flow, out);
  }

  /** Every column of the header line, as a string column. */
  static String stringSchema(String path) {
    try (BufferedReader r = Files.newBufferedReader(Path.of(path), StandardCharsets.UTF_8)) {
      String header = r.readLine();
      if (header == null || header.isBlank()) {
        throw new GleamException(ErrorCode.MALFORMED_INPUT, "CSV file " + path + " has no header line");
      }
      return List.of(header.split(",", -1)).stream().map(c -> c.strip() + " string")
          .collect(Collectors.joining(", "));
    } catch (IOException e) {
      throw new GleamException(ErrorCode.INPUT_NOT_FOUND, "cannot read CSV file " + path + ": " + e.getMessage(), e);
    }
  }
}
