package io.gleam.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gleam.planner.plan.AggFunction;
import io.gleam.planner.plan.JoinType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Mistakes in building a flow fail at once, with INVALID_FLOW and a message that names the bad thing. */
class DatasetErrorsTest {
  private final Flow flow = Flow.create("errs");
  private final Dataset kv = flow.fromRows(List.of(Row.of("a", 1L)), "k string, v bigint");

  private static GleamException invalid(Executable e, String... fragments) {
    GleamException g = assertThrows(GleamException.class, e);
    assertEquals(ErrorCode.INVALID_FLOW, g.code(), g.toString());
    assertEquals(ErrorCode.Kind.USER_ERROR, g.code().kind());
    for (String f : fragments) {
      assertTrue(g.getMessage().contains(f), "'" + g.getMessage() + "' should contain '" + f + "'");
    }
    return g;
  }

  @Test
  void unknownColumnIsNamedWithTheSchema() {
    invalid(() -> kv.select("k", "nope"), "'nope'", "(k string, v bigint)");
    invalid(() -> kv.sort("missing desc"), "'missing'");
    invalid(() -> kv.reduceByKey(List.of("kk"), AggFunction.SUM), "'kk'");
    invalid(() -> kv.partition(2, "x"), "'x'");
    invalid(() -> kv.join(kv, List.of("k"), List.of("zz"), JoinType.INNER), "'zz'");
  }

  @Test
  void badSortDirection() {
    invalid(() -> kv.sort("v downward"), "'v downward'", "asc or desc");
    invalid(() -> kv.top(3, "k sideways"), "'k sideways'");
    invalid(() -> kv.sort(), "at least one column");
  }

  @Test
  void joinKeyCountMismatch() {
    Dataset other = flow.fromRows(List.of(Row.of("a", 1L)), "k string, w bigint");
    invalid(() -> kv.join(other, List.of("k", "v"), List.of("k"), JoinType.LEFT), "2 and 1");
    invalid(() -> kv.coGroup(other, List.of(), List.of()), "0 and 0");
  }

  @Test
  void joinKeysOfDifferentTypes() {
    Dataset ints = flow.fromRows(List.of(Row.of(1, "a")), "id int, name string");
    Dataset longs = flow.fromRows(List.of(Row.of(1L, "b")), "id bigint, tag string");
    invalid(() -> ints.join(longs), "id int", "id bigint", "differ in type");
    invalid(() -> ints.coGroup(longs), "differ in type");
    invalid(() -> kv.join(longs, List.of("v", "k"), List.of("id", "id"), JoinType.INNER), "k string");
  }

  @Test
  void unionOfDifferentColumnTypes() {
    Dataset swapped = flow.fromRows(List.of(Row.of(1L, "a")), "v bigint, k string");
    invalid(() -> kv.union(swapped), "(k string, v bigint)", "(v bigint, k string)", "column 1");
  }

  @Test
  void flowWithoutSinkNamesTheFlow() {
    invalid(flow::plan, "errs", "no sink");
    invalid(flow::explain, "errs");
  }

  @Test
  void otherMisuses() {
    Flow elsewhere = Flow.create("other");
    Dataset foreign = elsewhere.fromRows(List.of(Row.of("a")), "k string");
    invalid(() -> kv.join(foreign), "other", "errs");
    invalid(() -> kv.union(flow.fromRows(List.of(Row.of("a")), "k string")), "differ in column count");
    invalid(() -> kv.limit(-1), "-1");
    invalid(() -> kv.top(-2, "k"), "-2");
    invalid(() -> kv.partition(0, "k"), "got 0");
    invalid(() -> flow.parallelism(0), "got 0");
    invalid(() -> kv.select("k").reduceByKey("function(a, b) return a end"), "no value column");
    invalid(() -> kv.map("function(k, v) return k end", "k strang"), "'strang'");
    invalid(() -> kv.map("function(k, v) return k end", "k"), "column 'k' has no type");
    invalid(() -> flow.fromRows(List.of(Row.of("a")), "k string, v bigint"), "[a]", "has 1 values");
    invalid(() -> kv.aggregate(List.of("k"), List.of(new io.gleam.planner.plan.AggCall(AggFunction.SUM, 0, "s"))),
        "cannot sum column 'k' of type string");
    invalid(() -> Flow.runner("nowhere"), "'nowhere'");
  }
}
