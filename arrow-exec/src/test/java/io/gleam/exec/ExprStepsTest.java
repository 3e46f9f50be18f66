package io.gleam.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gleam.connectors.tpch.TpchTables;
import io.gleam.planner.Dataset;
import io.gleam.planner.Flow;
import io.gleam.planner.GleamException;
import io.gleam.planner.Row;
import io.gleam.planner.expr.Expr;
import io.gleam.planner.expr.ExprTypes;
import io.gleam.planner.expr.Operator;
import io.gleam.planner.plan.JoinDistribution;
import io.gleam.planner.plan.JoinType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The steps SQL lowers to: compute (vectorized filter and projection), hash joins with a residual condition and
 * nested loop joins (each checked against a nested-loop oracle for every join type), and TPC-H scans.
 */
class ExprStepsTest extends FlowTestBase {
  private static final String SCHEMA = "k bigint, v bigint";
  private final List<Row> left = new ArrayList<>();
  private final List<Row> right = new ArrayList<>();

  ExprStepsTest() {
    Random r = new Random(5);
    for (int i = 0; i < 400; i++) {
      left.add(Row.of(r.nextInt(12) == 0 ? null : (long) r.nextInt(40), (long) r.nextInt(100)));
    }
    for (int i = 0; i < 60; i++) {
      right.add(Row.of(r.nextInt(12) == 0 ? null : (long) r.nextInt(50), (long) r.nextInt(100)));
    }
  }

  private static Expr col(int i) {
    return new Expr.ColumnRef(i, ExprTypes.BIGINT);
  }

  /** $1 < $3: the left value below the right value. */
  private static final Expr LESS = Expr.Call.of(Operator.LESS_THAN, ExprTypes.BOOLEAN, col(1), col(3));

  private List<Row> oracle(JoinType type, BiPredicate<Row, Row> match) {
    List<Row> out = new ArrayList<>();
    boolean[] rightMatched = new boolean[right.size()];
    for (Row l : left) {
      boolean matched = false;
      for (int j = 0; j < right.size(); j++) {
        Row r = right.get(j);
        if (match.test(l, r)) {
          matched = true;
          rightMatched[j] = true;
          if (type == JoinType.INNER || type == JoinType.LEFT || type == JoinType.RIGHT || type == JoinType.FULL) {
            out.add(Row.of(l.get(0), l.get(1), r.get(0), r.get(1)));
          }
        }
      }
      if (!matched && (type == JoinType.LEFT || type == JoinType.FULL)) {
        out.add(Row.of(l.get(0), l.get(1), null, null));
      }
      if ((type == JoinType.SEMI && matched) || (type == JoinType.ANTI && !matched)) {
        out.add(l);
      }
    }
    for (int j = 0; j < right.size(); j++) {
      if (!rightMatched[j] && (type == JoinType.RIGHT || type == JoinType.FULL)) {
        out.add(Row.of(null, null, right.get(j).get(0), right.get(j).get(1)));
      }
    }
    return out;
  }

  private static boolean less(Row l, Row r) {
    return (Long) l.get(1) < (Long) r.get(1);
  }

  @ParameterizedTest
  @EnumSource(JoinType.class)
  void hashJoinWithResidualConditionMatchesOracle(JoinType type) {
    Flow flow = Flow.create("residual").parallelism(3);
    Dataset l = flow.fromRows(left, SCHEMA, 2);
    Dataset r = flow.fromRows(right, SCHEMA, 2);
    Dataset joined = l.join(r, List.of("k"), List.of("k"), type, JoinDistribution.PARTITIONED, Optional.of(LESS));
    List<Row> expected = oracle(type, (a, b) -> a.get(0) != null && a.get(0).equals(b.get(0)) && less(a, b));
    assertEquals(multiset(expected), multiset(rows(flow, joined)));
  }

  @ParameterizedTest
  @EnumSource(JoinType.class)
  void nestedLoopJoinMatchesOracle(JoinType type) {
    Flow flow = Flow.create("nested").parallelism(3);
    Dataset l = flow.fromRows(left, SCHEMA, 3);
    Dataset r = flow.fromRows(right, SCHEMA, 2);
    Dataset joined = l.nestedLoopJoin(r, LESS, type);
    assertEquals(multiset(oracle(type, ExprStepsTest::less)), multiset(rows(flow, joined)));
  }

  @Test
  void computeFiltersAndProjects() {
    Flow flow = Flow.create("compute").parallelism(2);
    Dataset d = flow.fromRows(List.of(Row.of(1L, new BigDecimal("1.50")), Row.of(2L, null),
        Row.of(3L, new BigDecimal("2.25"))), "id bigint, price decimal(10,2)", 2);
    Expr price = new Expr.ColumnRef(1, ExprTypes.decimal(10, 2));
    Expr doubled = Expr.Call.of(Operator.MULTIPLY, ExprTypes.decimal(21, 2), price, Expr.Literal.ofLong(2));
    Dataset out = d.compute(Optional.of(Expr.Call.of(Operator.IS_NOT_NULL, ExprTypes.BOOLEAN, price)),
        List.of(col(0), doubled), List.of("id", "id"));
    assertEquals("id bigint, id_1 decimal(21,2)", io.gleam.planner.Schemas.render(out.schema()));
    List<Row> rows = new ArrayList<>(rows(flow, out));
    rows.sort((a, b) -> Long.compare((Long) a.get(0), (Long) b.get(0)));
    assertEquals("[[1, 3.00], [3, 4.50]]", rows.stream().map(r -> r.asList().toString()).toList().toString());
  }

  @Test
  void computeErrorNamesTheExpression() {
    Flow flow = Flow.create("divide").parallelism(2);
    Dataset d = flow.fromRows(List.of(Row.of(1L, 0L)), SCHEMA, 1);
    Dataset out = d.compute(Optional.empty(), List.of(Expr.Call.of(Operator.DIVIDE, ExprTypes.BIGINT, col(0),
        col(1))), List.of("q"));
    GleamException e = assertThrows(GleamException.class, () -> rows(flow, out));
    assertTrue(e.getMessage().contains("$0 / $1"), e.getMessage());
  }

  @Test
  void offsetAfterSortSkipsTheFirstRowsAcrossBatches() {
    Flow flow = Flow.create("offset").parallelism(3);
    Dataset sorted = flow.fromRows(left, SCHEMA, 3).sort(List.of(io.gleam.planner.plan.SortKey.asc(1)));
    List<Row> all = rows(flow, sorted);
    Flow second = Flow.create("offset2").parallelism(3);
    Dataset skipped = second.fromRows(left, SCHEMA, 3).sort(List.of(io.gleam.planner.plan.SortKey.asc(1)))
        .offset(250);
    String id = collect(skipped);
    List<Row> rest = run(second, options().withBatchRows(64)).rows(id);
    assertEquals(all.stream().skip(250).map(r -> r.get(1)).toList(), rest.stream().map(r -> r.get(1)).toList());
  }

  @Test
  void tpchScanReadsEveryShard() {
    Flow flow = Flow.create("tpch").parallelism(2);
    Dataset nation = flow.readTpch("nation", 0.01, 2, TpchTables.schema("nation"));
    assertEquals(25, rows(flow, nation).size());
    Flow second = Flow.create("tpch2").parallelism(2);
    Dataset orders = second.readTpch("orders", 0.01, 3, TpchTables.schema("orders"));
    List<Row> rows = rows(second, orders);
    assertEquals(TpchTables.rowCount("orders", 0.01), rows.size());
    assertEquals(rows.size(), rows.stream().map(r -> r.get(0)).distinct().count());
  }
}
