package io.gleam.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gleam.planner.expr.Expr;
import io.gleam.planner.expr.ExprTypes;
import io.gleam.planner.expr.Operator;
import io.gleam.planner.plan.AggFunction;
import io.gleam.planner.plan.JoinType;
import io.gleam.planner.plan.PhysicalPlan;
import io.gleam.planner.plan.PlanNode;
import io.gleam.planner.plan.PlanRenderer;
import io.gleam.planner.plan.Stage;
import io.gleam.planner.plan.StageOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * How the planner cuts flows into stages: golden explain text for word count and a join, and the rule that a
 * step whose input already has the partitioning it needs adds no exchange.
 */
class PlanShapesTest {
  private static final List<Row> ROWS = List.of(Row.of("a", 1L), Row.of("b", 2L), Row.of("a", 3L));

  @Test
  void luaWordCountGoldenText() {
    Flow flow = Flow.create("wc").parallelism(3);
    flow.readText(2, "/data/words.txt")
        .flatMap("function(line) return line:gmatch('%w+') end", "word string")
        .map("function(w) return w, 1 end", "word string, count bigint")
        .reduceByKey("function(x, y) return x + y end")
        .sort("count desc", "word")
        .printf("%s\t%d\n");

    String expected = """
        Flow wc: 3 stages
        Stage 2 [tasks=1] -> result
          Sink[printf(%s\\t%d\\n)]  (word string, count bigint)
            ExchangeRead[stage=1, merge=[$1 DESC, $0]]  (word string, count bigint)
        Stage 1 [tasks=3] -> merge[$1 DESC, $0]
          Sort[order=[$1 DESC, $0]]  (word string, count bigint)
            Aggregate[FINAL, keys=[$0], lua:function(x, y) return x + y end]  (word string, count bigint)
              ExchangeRead[stage=0]  (word string, count bigint)
        Stage 0 [tasks=2] -> hash([$0], 3)
          Aggregate[PARTIAL, keys=[$0], lua:function(x, y) return x + y end]  (word string, count bigint)
            Map[map#2, lua:function(w) return w, 1 end]  (word string, count bigint)
              FlatMap[flatMap#1, lua:function(line) return line:gmatch('%w+') end]  (word string)
                Scan[text [/data/words.txt] shards=2]  (line string)
        """;
    assertEquals(expected, flow.explain());
  }

  @Test
  void joinGoldenTextHashesBothSidesAndGathersForOneFile() {
    Flow flow = Flow.create("orders").parallelism(4);
    Dataset customers = flow.readCsv("/data/customers.csv", "id bigint, name string", true);
    Dataset orders = flow.readCsv("/data/orders.csv", "order_id bigint, customer bigint, amount double", true);
    orders.join(customers, List.of("customer"), List.of("id"), JoinType.LEFT).writeCsv("/out/joined.csv");

    String expected = """
        Flow orders: 4 stages
        Stage 3 [tasks=1] -> result
          Sink[write csv file /out/joined.csv]  (order_id bigint, customer bigint, amount double, id bigint, name string)
            ExchangeRead[stage=2]  (order_id bigint, customer bigint, amount double, id bigint, name string)
        Stage 2 [tasks=4] -> gather
          HashJoin[LEFT, left=[$1], right=[$0]]  (order_id bigint, customer bigint, amount double, id bigint, name string)
            ExchangeRead[stage=0]  (order_id bigint, customer bigint, amount double)
            ExchangeRead[stage=1]  (id bigint, name string)
        Stage 1 [tasks=4] -> hash([$0], 4)
          Scan[csv [/data/customers.csv] shards=4 header]  (id bigint, name string)
        Stage 0 [tasks=4] -> hash([$1], 4)
          Scan[csv [/data/orders.csv] shards=4 header]  (order_id bigint, customer bigint, amount double)
        """;
    assertEquals(expected, flow.explain());
  }

  @Test
  void computeFusesAndKeepsPassedThroughKeysAndJoinsWithConditions() {
    Flow flow = Flow.create("sqlish").parallelism(2);
    Dataset orders = flow.readCsv("/data/orders.csv", "order_id bigint, customer bigint, amount double", true);
    Dataset customers = flow.readCsv("/data/customers.csv", "id bigint, name string", true);
    Expr amount = new Expr.ColumnRef(2, ExprTypes.DOUBLE);
    Dataset big = orders.compute(
        Optional.of(Expr.Call.of(Operator.GREATER_THAN, ExprTypes.BOOLEAN, amount, Expr.Literal.ofDouble(10))),
        List.of(new Expr.ColumnRef(1, ExprTypes.BIGINT), amount), List.of("customer", "amount"));
    Dataset perCustomer = big.aggregate(List.of("customer"),
        List.of(new io.gleam.planner.plan.AggCall(AggFunction.SUM, 1, "total")));
    // Keeps the hash partitioning of the aggregate: the join below re-uses it.
    Dataset renamed = perCustomer.compute(Optional.empty(),
        List.of(new Expr.ColumnRef(0, ExprTypes.BIGINT), new Expr.ColumnRef(1, ExprTypes.DOUBLE)),
        List.of("c", "t"));
    Expr nameNotEmpty = Expr.Call.of(Operator.NOT_EQUALS, ExprTypes.BOOLEAN,
        new Expr.ColumnRef(3, ExprTypes.STRING), Expr.Literal.ofString(""));
    Dataset joined = renamed.join(customers, List.of("c"), List.of("id"), JoinType.INNER,
        io.gleam.planner.plan.JoinDistribution.PARTITIONED, Optional.of(nameNotEmpty));
    Expr less = Expr.Call.of(Operator.LESS_THAN, ExprTypes.BOOLEAN, new Expr.ColumnRef(1, ExprTypes.DOUBLE),
        new Expr.ColumnRef(4, ExprTypes.DOUBLE));
    Dataset limits = flow.readCsv("/data/limits.csv", "max double", true);
    joined.nestedLoopJoin(limits, less, JoinType.SEMI).printf("%s\n");

    String expected = """
        Flow sqlish: 4 stages
        Stage 3 [tasks=2] -> result
          Sink[printf(%s\\n)]  (c bigint, t double, id bigint, name string)
            NestedLoopJoin[SEMI, condition=$1 < $4]  (c bigint, t double, id bigint, name string)
              HashJoin[INNER, left=[$0], right=[$0], condition=$3 <> '']  (c bigint, t double, id bigint, name string)
                Compute[[$0, $1]]  (c bigint, t double)
                  Aggregate[FINAL, keys=[$0], SUM($1)]  (customer bigint, total double)
                    ExchangeRead[stage=0]  (customer bigint, total double)
                ExchangeRead[stage=1]  (id bigint, name string)
              ExchangeRead[stage=2]  (max double)
        Stage 2 [tasks=2] -> broadcast(2)
          Scan[csv [/data/limits.csv] shards=2 header]  (max double)
        Stage 1 [tasks=2] -> hash([$0], 2)
          Scan[csv [/data/customers.csv] shards=2 header]  (id bigint, name string)
        Stage 0 [tasks=2] -> hash([$0], 2)
          Aggregate[PARTIAL, keys=[$0], SUM($1)]  (customer bigint, total double)
            Compute[filter=$2 > 10.0E0, exprs=[$1, $2]]  (customer bigint, amount double)
              Scan[csv [/data/orders.csv] shards=2 header]  (order_id bigint, customer bigint, amount double)
        """;
    assertEquals(expected, flow.explain());
  }

  @Test
  void reduceByKeyIsPartialExchangeFinal() {
    Flow flow = Flow.create("sum").parallelism(5);
    flow.fromRows(ROWS, "k string, v bigint", 2).reduceByKey(AggFunction.SUM).forEach(r -> { });
    PhysicalPlan plan = flow.plan();
    assertEquals(2, plan.stages().size());
    Stage first = plan.stage(0);
    assertEquals(2, first.partitions());
    PlanNode.Aggregate partial = assertInstanceOf(PlanNode.Aggregate.class, first.root());
    assertEquals(PlanNode.AggMode.PARTIAL, partial.mode());
    StageOutput.Hash hash = assertInstanceOf(StageOutput.Hash.class, first.output());
    assertEquals(5, hash.partitions());
    assertEquals(List.of(0), boxed(hash.keys()));
    Stage last = plan.stage(1);
    assertEquals(5, last.partitions(), "the final aggregate stays parallel");
    PlanNode.Sink sink = assertInstanceOf(PlanNode.Sink.class, last.root());
    PlanNode.Aggregate fin = assertInstanceOf(PlanNode.Aggregate.class, sink.input());
    assertEquals(PlanNode.AggMode.FINAL, fin.mode());
  }

  @Test
  void reduceOnInputHashedBySameKeyAddsNoExchange() {
    Flow flow = Flow.create("prehashed").parallelism(4);
    flow.fromRows(ROWS, "k string, v bigint", 2).partition(4, "k").reduceByKey(AggFunction.SUM).forEach(r -> { });
    PhysicalPlan plan = flow.plan();
    assertEquals(2, plan.stages().size(), PlanRenderer.text(plan));
    PlanNode.Sink sink = assertInstanceOf(PlanNode.Sink.class, plan.stage(1).root());
    PlanNode.Aggregate agg = assertInstanceOf(PlanNode.Aggregate.class, sink.input());
    assertEquals(PlanNode.AggMode.SINGLE, agg.mode());
    assertInstanceOf(PlanNode.ExchangeRead.class, agg.input());
  }

  @Test
  void secondReduceAndGroupByOnSameKeyAddNoExchange() {
    Flow flow = Flow.create("twice").parallelism(3);
    flow.fromRows(ROWS, "k string, v bigint", 2)
        .reduceByKey(AggFunction.SUM)
        .filter(r -> r.getLong(1) > 0)
        .reduceByKey(AggFunction.MAX)
        .groupByKey()
        .forEach(r -> { });
    PhysicalPlan plan = flow.plan();
    assertEquals(2, plan.stages().size(), PlanRenderer.text(plan));
    assertEquals(1, count(plan, PlanNode.Aggregate.class, n -> n.mode() == PlanNode.AggMode.SINGLE));
    assertEquals(1, count(plan, PlanNode.GroupByKey.class, n -> true));
  }

  @Test
  void joinOfTwoReducedSidesAddsNoExchange() {
    Flow flow = Flow.create("copart").parallelism(3);
    Dataset a = flow.fromRows(ROWS, "k string, v bigint", 2).reduceByKey(AggFunction.SUM);
    Dataset b = flow.fromRows(ROWS, "k string, w bigint", 1).reduceByKey(AggFunction.COUNT);
    a.join(b).forEach(r -> { });
    PhysicalPlan plan = flow.plan();
    // Two partial stages, one stage with both final aggregates, the join and the sink.
    assertEquals(3, plan.stages().size(), PlanRenderer.text(plan));
    Stage last = plan.stage(2);
    assertEquals(3, last.partitions());
    assertEquals(List.of(0, 1), last.inputStages());
  }

  @Test
  void joinBothSidesHashedWithFlowParallelism() {
    Flow flow = Flow.create("j").parallelism(6);
    Dataset a = flow.fromRows(ROWS, "k string, v bigint", 2);
    Dataset b = flow.fromRows(ROWS, "k string, w bigint", 3);
    a.join(b, JoinType.FULL).forEach(r -> { });
    PhysicalPlan plan = flow.plan();
    assertEquals(3, plan.stages().size());
    for (int s = 0; s < 2; s++) {
      StageOutput.Hash h = assertInstanceOf(StageOutput.Hash.class, plan.stage(s).output());
      assertEquals(6, h.partitions());
      assertEquals(List.of(0), boxed(h.keys()));
    }
    assertEquals(6, plan.stage(2).partitions());
  }

  @Test
  void sortIsLocalSortThenStreamingMerge() {
    Flow flow = Flow.create("sorted").parallelism(2);
    flow.fromRows(ROWS, "k string, v bigint", 3).sort("v desc").forEach(r -> { });
    PhysicalPlan plan = flow.plan();
    assertEquals(2, plan.stages().size());
    assertInstanceOf(PlanNode.Sort.class, plan.stage(0).root());
    StageOutput.Merge merge = assertInstanceOf(StageOutput.Merge.class, plan.stage(0).output());
    assertEquals("merge[$1 DESC]", merge.describe());
    assertEquals(1, plan.stage(1).partitions());
  }

  @Test
  void sortOfOnePartitionNeedsNoMerge() {
    Flow flow = Flow.create("one");
    flow.fromRows(ROWS, "k string, v bigint", 1).sort("k").top(1, "v").limit(1).forEach(r -> { });
    assertEquals(1, flow.plan().stages().size(), flow.explain());
  }

  @Test
  void topIsTopNThenMergeThenLimit() {
    Flow flow = Flow.create("top");
    flow.fromRows(ROWS, "k string, v bigint", 3).top(2, "v desc").forEach(r -> { });
    String expected = """
        Flow top: 2 stages
        Stage 1 [tasks=1] -> result
          Sink[forEach(java:top/top#1/forEach1)]  (k string, v bigint)
            Limit[2]  (k string, v bigint)
              ExchangeRead[stage=0, merge=[$1 DESC]]  (k string, v bigint)
        Stage 0 [tasks=3] -> merge[$1 DESC]
          TopN[limit=2, order=[$1 DESC]]  (k string, v bigint)
            Values[rows=3, shards=3]  (k string, v bigint)
        """;
    assertEquals(expected, flow.explain());
  }

  @Test
  void mapAfterHashPartitioningLosesThePartitioning() {
    // A map may rewrite the key column, so rows with the same new key can sit in different partitions: the
    // reduce after it must shuffle again.
    Flow flow = Flow.create("remap").parallelism(4);
    flow.fromRows(ROWS, "k string, v bigint", 2)
        .partition(4, "k")
        .map(r -> Row.of(r.getString(0).toUpperCase(), r.get(1)), "k string, v bigint")
        .reduceByKey(AggFunction.SUM)
        .forEach(r -> { });
    PhysicalPlan plan = flow.plan();
    assertEquals(3, plan.stages().size(), PlanRenderer.text(plan));
    assertEquals(0, count(plan, PlanNode.Aggregate.class, n -> n.mode() == PlanNode.AggMode.SINGLE));
  }

  @Test
  void filterAfterHashPartitioningKeepsIt() {
    Flow flow = Flow.create("keep").parallelism(4);
    flow.fromRows(ROWS, "k string, v bigint", 2)
        .partition(4, "k")
        .filter("function(k, v) return v > 1 end")
        .reduceByKey(AggFunction.SUM)
        .forEach(r -> { });
    assertEquals(2, flow.plan().stages().size(), flow.explain());
  }

  @Test
  void singleFileSinksGatherButDirectoriesAndPrintfToStdoutDoNot() {
    Flow flow = Flow.create("sinks").parallelism(3);
    Dataset d = flow.fromRows(ROWS, "k string, v bigint", 3);
    d.writeCsv("/out/one.csv");
    d.fprintf("/out/one.txt", "%s %d\n");
    d.writeFiles(io.gleam.planner.spi.SourceFormat.TSV, "/out/dir", false);
    d.printf("%s\n");
    PhysicalPlan plan = flow.plan();
    List<Integer> sinkTasks = new ArrayList<>();
    for (Stage s : plan.stages()) {
      if (s.root() instanceof PlanNode.Sink) {
        sinkTasks.add(s.partitions());
      }
    }
    assertEquals(List.of(1, 1, 3, 3), sinkTasks, PlanRenderer.text(plan));
    long gathers = plan.stages().stream()
        .filter(s -> s.output() instanceof StageOutput.Merge m && m.order().isEmpty()).count();
    assertEquals(2, gathers);
  }

  @Test
  void unionOfDifferentPartitionCountsRedistributes() {
    Flow flow = Flow.create("u");
    Dataset a = flow.fromRows(ROWS, "k string, v bigint", 2);
    Dataset b = flow.fromRows(ROWS, "k string, v bigint", 3);
    Dataset c = flow.fromRows(ROWS, "k string, v bigint", 2);
    a.union(c).forEach(r -> { });
    assertEquals(1, flow.plan().stages().size(), "same partition counts: no exchange");
    a.union(b).forEach(r -> { });
    PhysicalPlan plan = flow.plan();
    long roundRobin = plan.stages().stream()
        .filter(s -> s.output() instanceof StageOutput.Hash h && h.keys().length == 0 && h.partitions() == 3)
        .count();
    assertEquals(2, roundRobin, PlanRenderer.text(plan));
  }

  @Test
  void dotIsWellFormedWithOneClusterPerStageAndDashedExchangeEdges() {
    Flow flow = Flow.create("say \"hi\"").parallelism(3);
    Dataset a = flow.readText(2, "/data/a.txt")
        .flatMap("function(line) return line:gmatch(\"%w+\") end", "word string")
        .map("function(w) return w, 1 end", "word string, n bigint")
        .reduceByKey("function(x, y) return x + y end");
    Dataset b = flow.fromRows(ROWS, "k string, v bigint", 2).filter("function(k, v) return v > 1 end");
    a.join(b).top(5, "n desc").printf("\"%s\" %d %s %d\n");
    b.printf("%s %d\n"); // b is computed once, by a stage whose shared output both steps read
    PhysicalPlan plan = flow.plan();
    String dot = flow.dot();

    assertTrue(dot.startsWith("digraph \"say \\\"hi\\\"\" {\n"), dot);
    assertTrue(dot.endsWith("}\n"), dot);
    DotCheck check = DotCheck.parse(dot);
    assertEquals(plan.stages().size(), check.clusters, dot);
    int exchangeReads = count(plan, PlanNode.ExchangeRead.class, n -> true);
    assertEquals(exchangeReads, check.dashedEdges, dot);
    int reads = 0;
    for (Stage s : plan.stages()) {
      reads += s.output() instanceof StageOutput.Result ? 0
          : s.output() instanceof StageOutput.Shared shared ? shared.readers() : 1;
    }
    assertEquals(reads, exchangeReads, "every stage but the sinks feeds one exchange read per reader");
    assertTrue(dot.contains("label=\"shared(2, readers=2)\""), dot);
    assertEquals(countAll(plan), check.nodes, dot);
    assertTrue(dot.contains("label=\"hash([$0], 3)\""), dot);
  }

  @Test
  void aDatasetReadSeveralTimesIsComputedOnceBehindASharedOutput() {
    Flow flow = Flow.create("fanout").parallelism(3);
    Dataset counts = flow.fromRows(ROWS, "k string, v bigint", 2).reduceByKey(AggFunction.SUM);
    counts.forEach(r -> { });
    counts.filter(r -> true).forEach(r -> { });
    counts.join(counts).forEach(r -> { });
    Dataset sorted = flow.fromRows(ROWS, "k string, v bigint", 2).sort("v");
    sorted.limit(1).forEach(r -> { });
    sorted.forEach(r -> { });
    PhysicalPlan plan = flow.plan();
    java.util.Map<Integer, Integer> readers = new java.util.HashMap<>();
    for (Stage s : plan.stages()) {
      for (int read : s.inputStages()) {
        readers.merge(read, 1, Integer::sum);
      }
    }
    for (Stage s : plan.stages()) {
      int expected = s.output() instanceof StageOutput.Result ? 0
          : s.output() instanceof StageOutput.Shared shared ? shared.readers() : 1;
      assertEquals(expected, readers.getOrDefault(s.id(), 0), "readers of stage " + s.id() + "\n"
          + PlanRenderer.text(plan));
    }
    // counts is aggregated once for its four readers (a sink, a filter, both sides of the join), sorted sorted once
    // for its two; each reader of a shared output is a distinct reader number.
    assertEquals(1, count(plan, PlanNode.Aggregate.class, n -> n.mode() == PlanNode.AggMode.PARTIAL));
    assertEquals(1, count(plan, PlanNode.Sort.class, n -> true));
    List<Integer> sharedReaders = new ArrayList<>();
    for (Stage s : plan.stages()) {
      if (s.output() instanceof StageOutput.Shared shared) {
        sharedReaders.add(shared.readers());
      }
    }
    assertEquals(List.of(4, 2), sharedReaders.stream().sorted(java.util.Comparator.reverseOrder()).toList());
    assertEquals(List.of(0, 0, 1, 1, 2, 3), sortedReaders(plan));
  }

  // ---- helpers -------------------------------------------------------------------------------------------

  private static List<Integer> sortedReaders(PhysicalPlan plan) {
    List<Integer> out = new ArrayList<>();
    for (Stage s : plan.stages()) {
      collectReaders(s.root(), plan, out);
    }
    out.sort(null);
    return out;
  }

  private static void collectReaders(PlanNode node, PhysicalPlan plan, List<Integer> out) {
    if (node instanceof PlanNode.ExchangeRead r && plan.stage(r.stage()).output() instanceof StageOutput.Shared) {
      out.add(r.reader());
    }
    node.children().forEach(c -> collectReaders(c, plan, out));
  }

  private static List<Integer> boxed(int[] a) {
    List<Integer> out = new ArrayList<>();
    for (int x : a) {
      out.add(x);
    }
    return out;
  }

  private static <T extends PlanNode> int count(PhysicalPlan plan, Class<T> type,
      java.util.function.Predicate<T> test) {
    int n = 0;
    for (Stage s : plan.stages()) {
      n += count(s.root(), type, test);
    }
    return n;
  }

  private static <T extends PlanNode> int count(PlanNode node, Class<T> type, java.util.function.Predicate<T> test) {
    int n = type.isInstance(node) && test.test(type.cast(node)) ? 1 : 0;
    for (PlanNode c : node.children()) {
      n += count(c, type, test);
    }
    return n;
  }

  private static int countAll(PhysicalPlan plan) {
    return count(plan, PlanNode.class, n -> true);
  }

  /**
   * A small structural check of DOT text: balanced braces outside quoted strings, terminated statements, nodes
   * declared once before any edge uses them, and counts of clusters, nodes and dashed edges.
   */
  private static final class DotCheck {
    int clusters;
    int nodes;
    int dashedEdges;

    static DotCheck parse(String dot) {
      DotCheck c = new DotCheck();
      java.util.Set<String> declared = new java.util.HashSet<>();
      int depth = 0;
      for (String raw : dot.split("\n")) {
        String line = raw.strip();
        String unquoted = line.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"");
        assertEquals(0, unquoted.chars().filter(ch -> ch == '"').count() % 2, "unbalanced quotes: " + line);
        for (char ch : unquoted.toCharArray()) {
          if (ch == '{') {
            depth++;
          } else if (ch == '}') {
            depth--;
          }
        }
        assertTrue(depth >= 0, "a } without {: " + line);
        if (unquoted.startsWith("subgraph cluster_")) {
          c.clusters++;
          assertTrue(unquoted.endsWith("{"), line);
        } else if (unquoted.matches("n\\d+_\\d+ \\[label=\"\"\\];")) {
          String id = unquoted.substring(0, unquoted.indexOf(' '));
          assertTrue(declared.add(id), "node declared twice: " + id);
          c.nodes++;
        } else if (unquoted.matches("n\\d+_\\d+ -> n\\d+_\\d+( \\[style=dashed, label=\"\"\\])?;")) {
          String[] ends = unquoted.replaceAll(" \\[.*", "").replace(";", "").split(" -> ");
          assertTrue(declared.contains(ends[0]) && declared.contains(ends[1]), "edge to an undeclared node: " + line);
          if (unquoted.contains("style=dashed")) {
            c.dashedEdges++;
          }
        } else {
          assertTrue(unquoted.startsWith("digraph") || unquoted.equals("}") || unquoted.startsWith("rankdir")
              || unquoted.startsWith("node [") || unquoted.startsWith("label="), "unexpected DOT line: " + line);
        }
      }
      assertEquals(0, depth, "unbalanced braces");
      return c;
    }
  }
}
