package io.gleam.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gleam.planner.Dataset;
import io.gleam.planner.Flow;
import io.gleam.planner.Row;
import io.gleam.planner.plan.AggFunction;
import io.gleam.planner.spi.RunResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A final aggregate that spills more runs than it may keep open compacts them, and still sums right. */
class AggregateManyRunsTest extends FlowTestBase {
  @Test
  void hundredsOfSpillRunsAreCompacted() {
    Random random = new Random(5);
    List<Row> input = new ArrayList<>();
    Map<String, Long> oracle = new HashMap<>();
    for (int i = 0; i < 60_000; i++) {
      String k = "key-" + random.nextInt(30_000);
      long v = random.nextInt(100);
      input.add(Row.of(k, v));
      oracle.merge(k, v, Long::sum);
    }
    Flow flow = Flow.create("many-runs").parallelism(1);
    Dataset sums = flow.fromRows(input, "k string, v bigint", 1).partition(1, "k").reduceByKey(AggFunction.SUM);
    String id = collect(sums);
    RunResult result = run(flow, options().withMemoryBudget(64 * 1024));
    assertTrue(result.counter("spills") > 64, "spills: " + result.counter("spills"));
    List<Row> expected = new ArrayList<>();
    oracle.forEach((k, v) -> expected.add(Row.of(k, v)));
    assertEquals(multiset(expected), multiset(result.rows(id)));
  }
}
