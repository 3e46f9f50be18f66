package io.gleam.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gleam.planner.Dataset;
import io.gleam.planner.Flow;
import io.gleam.planner.Row;
import io.gleam.planner.expr.Expr;
import io.gleam.planner.expr.ExprTypes;
import io.gleam.planner.expr.Operator;
import io.gleam.planner.plan.JoinDistribution;
import io.gleam.planner.plan.JoinType;
import io.gleam.planner.spi.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.BiPredicate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A compute over a columnar join, which the runner fuses so that the join gathers only the columns the compute
 * reads (at new places): every join type, a residual condition, a compute over a compute that only reorders the
 * join's columns, and the hand-over to the row join under a tiny budget; against the nested-loop oracle with the
 * same expressions evaluated in Java.
 */
class JoinProjectionTest extends FlowTestBase {
  private static final String LEFT = "k bigint, name string, lv bigint";
  private static final String RIGHT = "rk bigint, tag string, rv bigint";

  private static List<Row> side(int n, int range, int offset, String prefix, long seed) {
    Random random = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Long k = random.nextInt(15) == 0 ? null : (long) random.nextInt(range) + offset;
      rows.add(Row.of(k, prefix + i, (long) random.nextInt(1000)));
    }
    return rows;
  }

  private static Expr col(int i, boolean string) {
    return new Expr.ColumnRef(i, string ? ExprTypes.STRING : ExprTypes.BIGINT);
  }

  private static Expr plus(Expr a, Expr b) {
    return Expr.Call.of(Operator.PLUS, ExprTypes.BIGINT, a, b);
  }

  private static Long sum(Object a, Object b) {
    return a == null || b == null ? null : (Long) a + (Long) b;
  }

  @ParameterizedTest
  @CsvSource({"INNER,false,false", "LEFT,false,false", "RIGHT,false,false", "FULL,false,false",
      "SEMI,false,false", "ANTI,false,false", "INNER,true,false", "LEFT,true,false", "INNER,false,true",
      "LEFT,false,true", "FULL,false,true", "INNER,true,true", "SEMI,false,true"})
  void computeOverJoinSeesTheRightColumns(JoinType type, boolean residual, boolean reordered) {
    for (long budget : new long[] {Long.MAX_VALUE / 4, 60_000}) {
      List<Row> l = side(budget < 1_000_000 ? 6000 : 1500, budget < 1_000_000 ? 1500 : 300, 0, "L", 1);
      List<Row> r = side(budget < 1_000_000 ? 5000 : 1200, budget < 1_000_000 ? 1500 : 300, 75, "R", 2);
      boolean withRight = type != JoinType.SEMI && type != JoinType.ANTI;
      Flow flow = Flow.create("projected-" + type + "-" + residual + "-" + reordered + "-" + budget).parallelism(2);
      // residual: lv < rv, over the left columns then the right ones
      Optional<Expr> condition = residual
          ? Optional.of(Expr.Call.of(Operator.LESS_THAN, ExprTypes.BOOLEAN, col(2, false), col(5, false)))
          : Optional.empty();
      Dataset joined = flow.fromRows(l, LEFT, 2).join(flow.fromRows(r, RIGHT, 2), List.of("k"), List.of("rk"), type,
          JoinDistribution.PARTITIONED, condition);
      // read: name, and (withRight) tag and lv + rv; or name and lv + lv
      int name = 1;
      int lv = 2;
      int tag = 4;
      int rv = 5;
      if (reordered) {
        // a compute that only puts the columns in another order: right ones first
        List<Expr> order = new ArrayList<>();
        List<String> names = new ArrayList<>();
        int[] at = withRight ? new int[] {3, 4, 5, 0, 1, 2} : new int[] {2, 1, 0};
        for (int c : at) {
          order.add(col(c, joined.schema().getFields().get(c).getType().equals(ExprTypes.STRING)));
          names.add(joined.schema().getFields().get(c).getName());
        }
        joined = joined.compute(Optional.empty(), order, names);
        name = withRight ? 4 : 1;
        lv = withRight ? 5 : 0;
        tag = 1;
        rv = 2;
      }
      Dataset projected = withRight
          ? joined.compute(Optional.empty(), List.of(col(name, true), col(tag, true), plus(col(lv, false),
              col(rv, false))), List.of("name", "tag", "total"))
          : joined.compute(Optional.empty(), List.of(col(name, true), plus(col(lv, false), col(lv, false))),
              List.of("name", "twice"));
      String id = collect(projected);
      RunResult result = run(flow, options().withMemoryBudget(budget));
      assertEquals(budget < 1_000_000, result.counter("join.rowJoinHandovers") > 0, result.counters().toString());
      assertTrue(result.counter("join.columnsNotGathered") > 0, "the join was narrowed: " + result.counters());

      List<Row> want = new ArrayList<>();
      // k = rk (NULL equals nothing) and, with the residual, lv < rv
      BiPredicate<Row, Row> matches = (a, b) -> a.get(0) != null && a.get(0).equals(b.get(0))
          && (!residual || (Long) a.get(2) < (Long) b.get(2));
      for (Row row : JoinTest.nestedLoop(l, r, matches, type)) {
        want.add(withRight ? Row.of(row.get(1), row.get(4), sum(row.get(2), row.get(5)))
            : Row.of(row.get(1), sum(row.get(2), row.get(2))));
      }
      assertTrue(want.size() > 50, "a meaningful result: " + want.size());
      assertEquals(multiset(want), multiset(result.rows(id)), "budget " + budget);
    }
  }
}
