package io.gleam.planner.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gleam.planner.Dataset;
import io.gleam.planner.ErrorCode;
import io.gleam.planner.Flow;
import io.gleam.planner.GleamException;
import io.gleam.planner.Row;
import io.gleam.planner.Schemas;
import io.gleam.planner.expr.Expr;
import io.gleam.planner.expr.ExprTypes;
import io.gleam.planner.expr.Operator;
import io.gleam.planner.fn.RowReducer;
import io.gleam.planner.fn.UserFunction;
import io.gleam.planner.spi.OnError;
import io.gleam.planner.spi.SinkSpec;
import io.gleam.planner.spi.SourceFormat;
import io.gleam.planner.spi.SourceSpec;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

/** JSON round trips of physical plans that use every plan node, stage output, sink, reducer and function kind. */
class PlanCodecTest {
  private static final String CSV_SCHEMA =
      "k string, v bigint, d double, day date, price decimal(10,2), at timestamp";

  /** A plan built through the fluent API, extended by hand with the exchanges the planner does not make yet. */
  static PhysicalPlan everything() {
    Flow flow = Flow.create("everything").parallelism(3).allowLua("os");
    Dataset text = flow.readText(2, "/data/a.txt", "/data/b.txt.gz");
    Dataset csv = flow.read(SourceSpec.csv(List.of("/data/c.csv"), 2, Schemas.parse(CSV_SCHEMA), true)
        .withOnError(OnError.SKIP));
    Dataset values = flow.fromRows(List.of(
        Row.of("x", 1L, 2.5, LocalDate.of(2024, 1, 2), new BigDecimal("1.50"), null),
        Row.of(null, 9_000_000_000L, -0.0, null, null, null)), CSV_SCHEMA, 2);
    Dataset tsv = flow.readTsv("/data/t.tsv", "k string, w bigint", false);

    Dataset words = text
        .flatMap("function(line) return line:gmatch(\"%w+\") end", "word string")
        .map(r -> Row.of(r.get(0), 1L), "word string, n bigint")
        .filter("function(w, n)\n  return #w > 1 -- a \"comment\"\nend");
    Dataset counts = words.reduceByKey("function(x, y) return x + y end");
    Dataset javaCounts = words.reduceByKey((RowReducer) (a, b) -> Row.of(a.getLong(0) + b.getLong(0)));
    Dataset stats = csv.union(values).aggregate(List.of("k"), List.of(
        new AggCall(AggFunction.SUM, 1, "s"), new AggCall(AggFunction.COUNT, -1, "c"),
        new AggCall(AggFunction.MIN, 2, "mn"), new AggCall(AggFunction.MAX, 3, "mx"),
        new AggCall(AggFunction.AVG, 2, "av")));
    Dataset grouped = csv.select("k", "v").groupByKey();
    Dataset anti = counts.join(stats, List.of("word"), List.of("k"), JoinType.ANTI);

    anti.sort("n desc", "word").fprintf("/out/sorted.txt", "%s\t%d\n");
    counts.coGroup(grouped).forEach(r -> { });
    anti.pipe("sort -r").top(3, "word").offset(1).printf("%s %d\n");
    stats.limit(10).pipeAsArgs("echo $1", "line string").writeFiles(SourceFormat.TSV, "/out/dir", true);
    javaCounts.join(tsv, JoinType.FULL).distinct().writeCsv("/out/distinct.csv");
    words.partition(2).filter(r -> true).writeTsv("/out/words.tsv");
    Dataset nation = flow.readTpch("nation", 0.01, 2, Schemas.parse("n_nationkey bigint, n_name string"));
    Expr key = new Expr.ColumnRef(0, ExprTypes.BIGINT);
    Dataset computed = nation.compute(
        Optional.of(Expr.Call.of(Operator.GREATER_THAN, ExprTypes.BOOLEAN, key, Expr.Literal.ofLong(3))),
        List.of(key, Expr.Call.of(Operator.PLUS, ExprTypes.BIGINT, key, Expr.Literal.ofLong(1))),
        List.of("k", "k1"));
    Expr lessThan = Expr.Call.of(Operator.LESS_THAN, ExprTypes.BOOLEAN, new Expr.ColumnRef(1, ExprTypes.BIGINT),
        new Expr.ColumnRef(2, ExprTypes.BIGINT));
    computed.nestedLoopJoin(computed.select("k"), lessThan, JoinType.INNER)
        .join(computed, List.of("k"), List.of("k"), JoinType.LEFT, JoinDistribution.PARTITIONED,
            Optional.of(lessThan))
        .printf("%d\n");
    computed.window(List.of("k"), List.of(SortKey.desc(1)), List.of(
        WindowCall.of(WindowFunction.SUM, 1, new WindowFrame(WindowFrame.Unit.ROWS, WindowFrame.Bound.preceding(2),
            WindowFrame.Bound.following(1)), "s"),
        new WindowCall(WindowFunction.LAG, 1, 2, 0, WindowFrame.RUNNING, "prev"),
        new WindowCall(WindowFunction.NTILE, -1, 4, -1, WindowFrame.PARTITION, "tile")))
        .printf("%d %d %d %d %d\n");
    PhysicalPlan planned = flow.plan();

    List<Stage> stages = new ArrayList<>(planned.stages());
    int b = stages.size();
    Schema kv = Schemas.parse("k string, v bigint");
    PlanNode rows = new PlanNode.Values(kv, List.of(List.of("a", 1L), Arrays.asList(null, 2L)), 1);
    stages.add(new Stage(b, 1, rows, new StageOutput.Broadcast(2)));
    List<SortKey> order = List.of(SortKey.desc(1), new SortKey(0, SortKey.Direction.ASC, SortKey.NullOrder.FIRST));
    stages.add(new Stage(b + 1, 2, new PlanNode.ExchangeRead(b, kv, List.of()), new StageOutput.Range(order, 2)));
    stages.add(new Stage(b + 2, 2, new PlanNode.Sink(new PlanNode.ExchangeRead(b + 1, kv, List.of()),
        new SinkSpec.Collect("collected")), new StageOutput.Result()));
    return new PhysicalPlan(planned.flowName(), stages, planned.luaLibraries());
  }

  @Test
  void roundTripIsStable() {
    PhysicalPlan plan = everything();
    String json = PlanCodec.toJson(plan);
    PhysicalPlan back = PlanCodec.fromJson(json);
    assertEquals(json, PlanCodec.toJson(back));
    assertEquals(PlanRenderer.text(plan), PlanRenderer.text(back));
    assertEquals(PlanRenderer.dot(plan), PlanRenderer.dot(back));
    assertEquals(plan.luaLibraries(), back.luaLibraries());
    assertEquals(List.of("os"), back.luaLibraries());
  }

  @Test
  void planUsesEveryKindOfNodeOutputSinkReducerAndFunction() {
    PhysicalPlan back = PlanCodec.fromJson(PlanCodec.toJson(everything()));
    Set<Class<?>> seen = new HashSet<>();
    for (Stage s : back.stages()) {
      seen.add(s.output().getClass());
      walk(s.root(), seen);
    }
    for (Class<?> sealedType : List.of(PlanNode.class, StageOutput.class, SinkSpec.class, Reducer.class,
        UserFunction.class)) {
      for (Class<?> kind : sealedType.getPermittedSubclasses()) {
        assertTrue(seen.contains(kind), "the round-trip plan has no " + kind.getName());
      }
    }
  }

  @Test
  void valuesTypesAndSourceOptionsSurvive() {
    PhysicalPlan plan = everything();
    PhysicalPlan back = PlanCodec.fromJson(PlanCodec.toJson(plan));
    List<PlanNode.Scan> scans = new ArrayList<>();
    List<PlanNode.Values> values = new ArrayList<>();
    for (Stage s : back.stages()) {
      collect(s.root(), PlanNode.Scan.class, scans);
      collect(s.root(), PlanNode.Values.class, values);
    }
    SourceSpec text = scans.stream().map(PlanNode.Scan::source).filter(x -> x.format() == SourceFormat.TEXT)
        .findFirst().orElseThrow();
    assertEquals(List.of("/data/a.txt", "/data/b.txt.gz"), text.paths());
    assertEquals(2, text.shards());
    assertEquals((char) 0, text.quote());
    SourceSpec csv = scans.stream().map(PlanNode.Scan::source).filter(x -> x.format() == SourceFormat.CSV)
        .findFirst().orElseThrow();
    assertEquals(OnError.SKIP, csv.onError());
    assertEquals('"', csv.quote());
    assertEquals(',', csv.delimiter());
    assertTrue(csv.header());
    assertEquals(Schemas.parse(CSV_SCHEMA), csv.schema());
    SourceSpec tsv = scans.stream().map(PlanNode.Scan::source).filter(x -> x.format() == SourceFormat.TSV)
        .findFirst().orElseThrow();
    assertEquals("\\N", tsv.nullString());
    assertEquals('\t', tsv.delimiter());

    PlanNode.Values flowRows = values.stream().filter(v -> v.shards() == 2).findFirst().orElseThrow();
    List<Object> first = flowRows.rows().get(0);
    assertEquals("x", first.get(0));
    assertEquals(1L, ((Number) first.get(1)).longValue());
    assertEquals(2.5, ((Number) first.get(2)).doubleValue());
    assertEquals("2024-01-02", first.get(3));
    assertEquals("1.50", first.get(4));
    assertEquals(null, first.get(5));
    List<Object> second = flowRows.rows().get(1);
    assertEquals(9_000_000_000L, ((Number) second.get(1)).longValue());
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(((Number) second.get(2)).doubleValue()));
  }

  @Test
  void luaSourceWithQuotesAndNewlinesSurvivesExactly() {
    PhysicalPlan back = PlanCodec.fromJson(PlanCodec.toJson(everything()));
    List<PlanNode.Filter> filters = new ArrayList<>();
    for (Stage s : back.stages()) {
      collect(s.root(), PlanNode.Filter.class, filters);
    }
    assertTrue(filters.stream().anyMatch(f -> f.function() instanceof UserFunction.Lua l
        && l.source().equals("function(w, n)\n  return #w > 1 -- a \"comment\"\nend")), filters.toString());
  }

  @Test
  void unknownPropertyOrTruncatedJsonIsRejected() {
    String json = PlanCodec.toJson(everything());
    GleamException truncated = assertThrows(GleamException.class,
        () -> PlanCodec.fromJson(json.substring(0, json.length() / 2)));
    assertEquals(ErrorCode.INTERNAL, truncated.code());
    assertTrue(truncated.getMessage().startsWith("cannot read plan"), truncated.getMessage());
    String extra = json.replaceFirst("\\{\"flowName\"", "{\"bogus\":1,\"flowName\"");
    assertTrue(!extra.equals(json), "the JSON starts with the flow name");
    assertThrows(GleamException.class, () -> PlanCodec.fromJson(extra));
  }

  private static void walk(PlanNode node, Set<Class<?>> seen) {
    seen.add(node.getClass());
    if (node instanceof PlanNode.Sink s) {
      seen.add(s.sink().getClass());
    } else if (node instanceof PlanNode.Aggregate a) {
      seen.add(a.reducer().getClass());
      if (a.reducer() instanceof Reducer.User u) {
        seen.add(u.function().getClass());
      }
    } else if (node instanceof PlanNode.Map m) {
      seen.add(m.function().getClass());
    } else if (node instanceof PlanNode.FlatMap m) {
      seen.add(m.function().getClass());
    } else if (node instanceof PlanNode.Filter f) {
      seen.add(f.function().getClass());
    }
    for (PlanNode c : node.children()) {
      walk(c, seen);
    }
  }

  private static <T extends PlanNode> void collect(PlanNode node, Class<T> type, List<T> out) {
    if (type.isInstance(node)) {
      out.add(type.cast(node));
    }
    for (PlanNode c : node.children()) {
      collect(c, type, out);
    }
  }

  @Test
  void scanColumnsAndRangesRoundTrip() {
    Flow flow = Flow.create("ranges");
    SourceSpec spec = SourceSpec.csv(List.of("/data/c.csv"), 2, Schemas.parse(CSV_SCHEMA), true)
        .withColumns(List.of(1, 3, 4))
        .withRanges(List.of(new io.gleam.planner.spi.ColumnRange(3, 19723, 19753),
            new io.gleam.planner.spi.ColumnRange(4, Long.MIN_VALUE, 2399)));
    flow.read(spec).printf("%d\n");
    PhysicalPlan back = PlanCodec.fromJson(PlanCodec.toJson(flow.plan()));
    List<PlanNode.Scan> scans = new ArrayList<>();
    for (Stage stage : back.stages()) {
      collect(stage.root(), PlanNode.Scan.class, scans);
    }
    assertEquals(List.of(spec), scans.stream().map(PlanNode.Scan::source).toList());
    assertEquals(Schemas.parse("v bigint, day date, price decimal(10,2)"), scans.get(0).schema());
  }
}
