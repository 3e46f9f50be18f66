package io.gleam.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gleam.planner.Dataset;
import io.gleam.planner.Flow;
import io.gleam.planner.Row;
import io.gleam.planner.plan.PhysicalPlan;
import io.gleam.planner.plan.PlanCodec;
import io.gleam.planner.spi.SourceFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** printf to a file, writeCsv (one file from many partitions), writeFiles (a directory of parts), read back by hand. */
class FileSinksTest extends FlowTestBase {

  private static List<Row> rows(int n, long seed) {
    Random random = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String s = switch (random.nextInt(6)) {
        case 0 -> null;
        case 1 -> "";
        case 2 -> "with, comma";
        case 3 -> "say \"hi\"";
        default -> "w" + random.nextInt(1000);
      };
      rows.add(Row.of((long) i, s, random.nextInt(5) == 0 ? null : random.nextInt(100) / 4.0));
    }
    return rows;
  }

  /** RFC 4180 as the CSV writer promises: NULL is empty, the empty string is "", quote only when needed. */
  private static String csvLine(Row r) {
    StringBuilder sb = new StringBuilder();
    for (int c = 0; c < r.size(); c++) {
      if (c > 0) {
        sb.append(',');
      }
      Object v = r.get(c);
      if (v == null) {
        continue;
      }
      String s = v.toString();
      if (s.isEmpty()) {
        sb.append("\"\"");
      } else if (s.contains(",") || s.contains("\"")) {
        sb.append('"').append(s.replace("\"", "\"\"")).append('"');
      } else {
        sb.append(s);
      }
    }
    return sb.toString();
  }

  @Test
  void writeCsvFromManyPartitionsMakesOneFileWithEveryRow() throws IOException {
    List<Row> input = rows(9000, 1);
    Path out = work.resolve("out/all.csv");
    Flow flow = Flow.create("csv-one").parallelism(3);
    flow.fromRows(input, "id bigint, s string, d double", 4).writeCsv(out.toString());
    run(flow);
    List<String> lines = Files.readAllLines(out);
    assertEquals("id,s,d", lines.get(0), "one header line");
    List<String> body = new ArrayList<>(lines.subList(1, lines.size()));
    List<String> want = new ArrayList<>();
    input.forEach(r -> want.add(csvLine(r)));
    body.sort(null);
    want.sort(null);
    assertEquals(want, body);
  }

  @Test
  void writeCsvOfSortedDataKeepsTheOrder() throws IOException {
    List<Row> input = rows(3000, 2);
    Path out = work.resolve("sorted.csv");
    Flow flow = Flow.create("csv-sorted").parallelism(3);
    flow.fromRows(input, "id bigint, s string, d double", 3).sort("id desc").writeCsv(out.toString());
    run(flow);
    List<String> want = new ArrayList<>();
    want.add("id,s,d");
    for (int i = input.size() - 1; i >= 0; i--) {
      want.add(csvLine(input.get(i)));
    }
    assertEquals(want, Files.readAllLines(out));
  }

  @Test
  void writeFilesMakesOnePartPerPartitionAndRemovesStaleParts() throws IOException {
    List<Row> input = rows(5000, 3);
    Path dir = work.resolve("parts");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("part-00009.csv"), "stale\n");
    Files.writeString(dir.resolve("keep.txt"), "not a part\n");
    Flow flow = Flow.create("dir").parallelism(2);
    flow.fromRows(input, "id bigint, s string, d double", 3).writeFiles(SourceFormat.CSV, dir.toString(), true);
    run(flow);
    List<String> names;
    try (Stream<Path> files = Files.list(dir)) {
      names = files.map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertEquals(List.of("keep.txt", "part-00000.csv", "part-00001.csv", "part-00002.csv"), names);
    List<String> body = new ArrayList<>();
    for (int p = 0; p < 3; p++) {
      List<String> lines = Files.readAllLines(dir.resolve("part-0000" + p + ".csv"));
      assertEquals("id,s,d", lines.get(0), "each part has its header");
      body.addAll(lines.subList(1, lines.size()));
      // Rows were dealt round-robin: part p holds rows p, p+3, ... in order.
      List<String> want = new ArrayList<>();
      for (int i = p; i < input.size(); i += 3) {
        want.add(csvLine(input.get(i)));
      }
      assertEquals(want, lines.subList(1, lines.size()), "part " + p);
    }
    assertEquals(input.size(), body.size());
  }

  @Test
  void printfToOneFileFromManyPartitions() throws IOException {
    List<Row> input = rows(4000, 4);
    Path out = work.resolve("printf/out.txt");
    Flow flow = Flow.create("printf").parallelism(2);
    flow.fromRows(input, "id bigint, s string, d double", 4).fprintf(out.toString(), "%d|%s|%s\n");
    run(flow);
    List<String> want = new ArrayList<>();
    for (Row r : input) {
      want.add(r.get(0) + "|" + r.get(1) + "|" + r.get(2));
    }
    List<String> got = new ArrayList<>(Files.readAllLines(out));
    want.sort(null);
    got.sort(null);
    assertEquals(want, got);
  }

  @Test
  void writeTsvEscapesAndShippedPlanWritesTheSame() throws IOException {
    List<Row> input = List.of(Row.of(1L, "tab\there", 0.5), Row.of(2L, null, null), Row.of(3L, "new\nline", 1.0));
    Path out = work.resolve("x.tsv");
    Flow flow = Flow.create("tsv").parallelism(2);
    flow.fromRows(input, "id bigint, s string, d double", 2).sort("id").writeTsv(out.toString());
    PhysicalPlan shipped = PlanCodec.fromJson(PlanCodec.toJson(flow.plan()));
    run(shipped, options());
    assertEquals("1\ttab\\there\t0.5\n2\t\\N\t\\N\n3\tnew\\nline\t1.0\n", Files.readString(out));
  }

  @Test
  void shippedPlanComputesTheSameJoinAndAggregate() {
    Random random = new Random(8);
    List<Row> orders = new ArrayList<>();
    List<Row> customers = new ArrayList<>();
    for (long c = 0; c < 200; c++) {
      customers.add(Row.of(c, "c" + c));
    }
    Map<String, Long> want = new TreeMap<>();
    for (int i = 0; i < 5000; i++) {
      long c = random.nextInt(260);
      long amount = random.nextInt(1000);
      orders.add(Row.of((long) i, c, amount));
      if (c < 200) {
        want.merge("c" + c, amount, Long::sum);
      }
    }
    Flow flow = Flow.create("shipped").parallelism(3);
    Dataset totals = flow.fromRows(orders, "id bigint, customer bigint, amount bigint", 2)
        .join(flow.fromRows(customers, "cid bigint, name string", 1), List.of("customer"), List.of("cid"),
            io.gleam.planner.plan.JoinType.INNER)
        .map("function(id, customer, amount, cid, name) return name, amount end", "name string, amount bigint")
        .reduceByKey(io.gleam.planner.plan.AggFunction.SUM)
        .sort("name");
    String id = collect(totals);
    PhysicalPlan shipped = PlanCodec.fromJson(PlanCodec.toJson(withCollectSinks(flow.plan())));
    List<Row> got = run(shipped, options()).rows(id);
    List<Row> wantRows = new ArrayList<>();
    want.forEach((k, v) -> wantRows.add(Row.of(k, v)));
    assertEquals(wantRows, got);
  }
}
