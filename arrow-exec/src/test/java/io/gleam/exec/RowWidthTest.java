package io.gleam.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gleam.planner.Dataset;
import io.gleam.planner.ErrorCode;
import io.gleam.planner.Flow;
import io.gleam.planner.GleamException;
import io.gleam.planner.Row;
import io.gleam.planner.plan.AggFunction;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A user step that returns the wrong number of values fails as a user error naming the step, wherever it feeds. */
class RowWidthTest extends FlowTestBase {
  @Test
  void luaMapWithTooFewValuesFeedingAnAggregate() {
    Flow flow = Flow.create("width");
    Dataset d = flow.fromRows(List.of(Row.of("a"), Row.of("b")), "w string", 1)
        .map("function(w) return w end", "w string, n bigint")
        .reduceByKey("function(x, y) return x + y end");
    collect(d);
    GleamException e = assertThrows(GleamException.class, () -> run(flow));
    assertEquals(ErrorCode.LUA_ERROR, e.code());
    assertTrue(e.getMessage().contains("step 'map#1' returned 1 values"), e.getMessage());
    assertTrue(e.getMessage().contains("(w string, n bigint) has 2 columns"), e.getMessage());
  }

  @Test
  void javaFlatMapWithTooManyValuesFeedingAJoin() {
    Flow flow = Flow.create("width-join");
    Dataset left = flow.fromRows(List.of(Row.of("a", 1L)), "k string, v bigint", 1)
        .flatMap((r, out) -> out.accept(Row.of(r.get(0), r.get(1), "extra")), "k string, v bigint");
    Dataset right = flow.fromRows(List.of(Row.of("a", 2L)), "k string, v bigint", 1);
    collect(left.join(right));
    GleamException e = assertThrows(GleamException.class, () -> run(flow));
    assertEquals(ErrorCode.USER_FUNCTION_FAILED, e.code());
    assertTrue(e.getMessage().contains("returned 3 values"), e.getMessage());
  }

  /** The COUNT aggregate reads a flatMap's rows in bulk, straight from the last step: widths are checked there too. */
  @Test
  void javaFlatMapWithTooManyValuesFeedingACount() {
    Flow flow = Flow.create("width-count");
    Dataset d = flow.fromRows(List.of(Row.of("a b"), Row.of("c")), "line string", 1)
        .flatMap((r, out) -> out.accept(Row.of(r.get(0), 1L)), "word string")
        .reduceByKey(AggFunction.COUNT);
    collect(d);
    GleamException e = assertThrows(GleamException.class, () -> run(flow));
    assertEquals(ErrorCode.USER_FUNCTION_FAILED, e.code());
    assertTrue(e.getMessage().contains("returned 2 values"), e.getMessage());
  }

  @Test
  void luaFlatMapWithTooManyValuesFeedingACount() {
    Flow flow = Flow.create("width-lua-count");
    Dataset d = flow.fromRows(List.of(Row.of("a b"), Row.of("c")), "line string", 1)
        .flatMap("function(line) return {{line, 1}} end", "word string")
        .reduceByKey(AggFunction.COUNT);
    collect(d);
    GleamException e = assertThrows(GleamException.class, () -> run(flow));
    assertTrue(e.getMessage().contains("returned 2 values"), e.getMessage());
  }
}
