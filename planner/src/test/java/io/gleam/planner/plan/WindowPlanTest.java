package io.gleam.planner.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gleam.planner.Dataset;
import io.gleam.planner.ErrorCode;
import io.gleam.planner.Flow;
import io.gleam.planner.GleamException;
import io.gleam.planner.Schemas;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a window step is planned (exchange, sort, window operator), rendered, and carried through JSON. */
class WindowPlanTest {
  private static final WindowFrame MOVING = new WindowFrame(WindowFrame.Unit.ROWS, WindowFrame.Bound.preceding(2),
      WindowFrame.Bound.currentRow());

  private static Dataset nation(Flow flow) {
    return flow.readTpch("nation", 0.01, 2, Schemas.parse("n_nationkey bigint, n_name string, n_regionkey bigint"));
  }

  @Test
  void partitionedWindowHashesSortsAndWalks() {
    Flow flow = Flow.create("w").parallelism(3);
    nation(flow).window(List.of("n_regionkey"), List.of(SortKey.desc(1)), List.of(
        WindowCall.of(WindowFunction.ROW_NUMBER, -1, WindowFrame.RUNNING, "rn"),
        WindowCall.of(WindowFunction.SUM, 0, MOVING, "s"))).printf("%s\n");
    PhysicalPlan plan = flow.plan();
    assertEquals("""
        Flow w: 2 stages
        Stage 1 [tasks=3] -> result
            Window[partition=[$2], order=[$1 DESC], calls=[ROW_NUMBER(), SUM($0) ROWS 2 PRECEDING .. CURRENT ROW]]  \
        (n_nationkey bigint, n_name string, n_regionkey bigint, rn bigint, s bigint)
              Sort[order=[$2, $1 DESC]]  (n_nationkey bigint, n_name string, n_regionkey bigint)
                ExchangeRead[stage=0]  (n_nationkey bigint, n_name string, n_regionkey bigint)
        Stage 0 [tasks=2] -> hash([$2], 3)
          TpchScan[nation, sf=0.01, shards=2]  (n_nationkey bigint, n_name string, n_regionkey bigint)
        """, withoutSinks(PlanRenderer.text(plan)));
    PhysicalPlan back = PlanCodec.fromJson(PlanCodec.toJson(plan));
    assertEquals(PlanCodec.toJson(plan), PlanCodec.toJson(back));
    assertEquals(PlanRenderer.dot(plan), PlanRenderer.dot(back));
    PlanNode.Window w = (PlanNode.Window) back.stage(1).root().children().get(0);
    assertEquals(MOVING, w.calls().get(1).frame());
  }

  @Test
  void windowWithoutPartitionKeysSortsLocallyAndMerges() {
    Flow flow = Flow.create("w").parallelism(3);
    nation(flow).window(List.of(), List.of(SortKey.asc(0)), List.of(
        new WindowCall(WindowFunction.LEAD, 1, 2, 1, WindowFrame.RUNNING, "next"))).printf("%s\n");
    String text = withoutSinks(PlanRenderer.text(flow.plan()));
    assertEquals("""
        Flow w: 2 stages
        Stage 1 [tasks=1] -> result
            Window[partition=[], order=[$0], calls=[LEAD($1, 2, $1)]]  \
        (n_nationkey bigint, n_name string, n_regionkey bigint, next string)
              ExchangeRead[stage=0, merge=[$0]]  (n_nationkey bigint, n_name string, n_regionkey bigint)
        Stage 0 [tasks=2] -> merge[$0]
          Sort[order=[$0]]  (n_nationkey bigint, n_name string, n_regionkey bigint)
            TpchScan[nation, sf=0.01, shards=2]  (n_nationkey bigint, n_name string, n_regionkey bigint)
        """, text);
  }

  /** The plan text without its sink lines (rendered by the sinks' own descriptions). */
  private static String withoutSinks(String text) {
    return text.lines().filter(l -> !l.trim().startsWith("Sink[")).map(l -> l + "\n")
        .collect(java.util.stream.Collectors.joining());
  }

  @Test
  void badCallsAreUserErrors() {
    Flow flow = Flow.create("w");
    GleamException sum = assertThrows(GleamException.class, () -> nation(flow).window(List.of(), List.of(),
        List.of(WindowCall.of(WindowFunction.SUM, 1, WindowFrame.PARTITION, "s"))));
    assertEquals(ErrorCode.Kind.USER_ERROR, sum.code().kind());
    assertEquals("SUM($1) ROWS UNBOUNDED PRECEDING .. UNBOUNDED FOLLOWING: cannot sum column 'n_name' of type string",
        sum.getMessage());
    GleamException ntile = assertThrows(GleamException.class,
        () -> new WindowCall(WindowFunction.NTILE, -1, 0, -1, WindowFrame.PARTITION, "t"));
    assertEquals("NTILE needs a positive number of buckets, got 0", ntile.getMessage());
  }
}
