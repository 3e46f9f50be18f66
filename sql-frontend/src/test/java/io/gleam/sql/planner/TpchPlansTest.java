package io.gleam.sql.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gleam.sql.catalog.Catalog;
import io.gleam.sql.catalog.GleamTable;
import io.gleam.sql.catalog.TpchTableSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Correlate;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rel.logical.LogicalTableScan;
import org.apache.calcite.rel.logical.LogicalUnion;
import org.apache.calcite.rel.logical.LogicalValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * All 22 TPC-H queries parse, validate and optimize into uncorrelated trees of Logical* nodes, with the plan shapes
 * the lowering relies on; the optimized plans are checked against golden text.
 */
class TpchPlansTest {
  private static final Set<Class<? extends RelNode>> LOGICAL_NODES = Set.of(LogicalTableScan.class,
      LogicalFilter.class, LogicalProject.class, LogicalJoin.class, LogicalAggregate.class, LogicalSort.class,
      LogicalUnion.class, LogicalValues.class);

  private static final SqlPlanner PLANNER = new SqlPlanner(new Catalog(), List.of("tpch", "tiny"));

  static Stream<String> queries() {
    return TpchQueryFiles.names();
  }

  private static PlannedQuery plan(String name) {
    return PLANNER.plan(TpchQueryFiles.sql(name));
  }

  @ParameterizedTest
  @MethodSource("queries")
  void optimizesToUncorrelatedLogicalPlan(String name) {
    PlannedQuery query = plan(name);
    RelNode optimized = query.optimized();
    for (RelNode node : PlanShapes.nodes(optimized)) {
      assertFalse(node instanceof Correlate, () -> name + " still has a correlate:\n" + query.explain());
      assertTrue(LOGICAL_NODES.contains(node.getClass()),
          () -> name + " has a " + node.getClass().getSimpleName() + ":\n" + query.explain());
    }
    assertFalse(PlanShapes.hasSubQuery(optimized), () -> name + " still has a sub-query:\n" + query.explain());
    assertTrue(query.rowType().equalsSansFieldNames(optimized.getRowType()),
        () -> name + ": optimized row type " + optimized.getRowType() + " differs from " + query.rowType());
  }

  @ParameterizedTest
  @MethodSource("queries")
  void optimizedPlanMatchesGoldenText(String name) {
    String actual = plan(name).explain();
    assertEquals(TpchQueryFiles.goldenPlan(name, actual), actual, name);
  }

  @ParameterizedTest
  @MethodSource("queries")
  void scansGleamTablesOfTheDefaultScaleFactor(String name) {
    for (RelNode node : PlanShapes.nodes(plan(name).optimized())) {
      if (node instanceof TableScan scan) {
        GleamTable table = scan.getTable().unwrap(GleamTable.class);
        assertTrue(table != null && table.source() instanceof TpchTableSource tpch && tpch.scaleFactor() == 0.01,
            () -> name + " scans " + scan.getTable().getQualifiedName());
      }
    }
  }

  @Test
  void plansConcurrently() throws Exception {
    List<String> names = queries().toList();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> plans = new ArrayList<>();
      for (int round = 0; round < 3; round++) {
        for (String name : names) {
          plans.add(pool.submit(() -> plan(name).explain()));
        }
      }
      for (int i = 0; i < plans.size(); i++) {
        String name = names.get(i % names.size());
        assertEquals(plan(name).explain(), plans.get(i).get(), name);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void q19JoinsPartAndLineitemOnPartKey() {
    PlannedQuery query = plan("q19");
    List<Join> joins = PlanShapes.joins(query.optimized());
    assertEquals(1, joins.size(), query.explain());
    assertTrue(PlanShapes.joinsOn(joins.get(0), "p_partkey", "l_partkey"), query.explain());
  }

  @Test
  void q19PushesEachTablesPartOfTheDisjunctionToItsScan() {
    String plan = plan("q19").explain();
    Join join = PlanShapes.joins(plan("q19").optimized()).get(0);
    for (RelNode input : join.getInputs()) {
      assertTrue(PlanShapes.nodes(input).stream().anyMatch(LogicalFilter.class::isInstance), plan);
    }
  }

  @Test
  void multiWayJoinsHaveNoCrossProducts() {
    for (String name : List.of("q02", "q03", "q05", "q07", "q08", "q09", "q10", "q18", "q21")) {
      PlannedQuery query = plan(name);
      for (Join join : PlanShapes.joins(query.optimized())) {
        assertTrue(PlanShapes.isEquiJoin(join), () -> name + " has a join without an equality: "
            + join.getCondition() + "\n" + query.explain());
      }
    }
  }

  @Test
  void q07PushesNationNamesBelowTheJoin() {
    PlannedQuery query = plan("q07");
    long nationFilters = PlanShapes.nodes(query.optimized()).stream()
        .filter(n -> n instanceof LogicalFilter f && f.getInput() instanceof TableScan s
            && s.getTable().getQualifiedName().contains("nation"))
        .count();
    assertEquals(2, nationFilters, query.explain());
  }

  @Test
  void existsBecomesSemiJoinAndNotExistsAntiJoin() {
    assertEquals(List.of(JoinRelType.SEMI), joinTypesOtherThanInner("q04"));
    assertEquals(Set.of(JoinRelType.SEMI, JoinRelType.ANTI), Set.copyOf(joinTypesOtherThanInner("q21")));
    assertEquals(List.of(JoinRelType.ANTI), joinTypesOtherThanInner("q22"));
  }

  @Test
  void correlatedScalarSubQueriesBecomeAggregatesJoinedOnTheCorrelationKeys() {
    for (String name : List.of("q02", "q17", "q20")) {
      PlannedQuery query = plan(name);
      assertTrue(PlanShapes.nodes(query.optimized()).stream()
              .anyMatch(n -> n instanceof LogicalAggregate a && a.getGroupCount() > 0),
          () -> name + ":\n" + query.explain());
      assertTrue(PlanShapes.joins(query.optimized()).stream().allMatch(PlanShapes::isEquiJoin),
          () -> name + ":\n" + query.explain());
    }
  }

  @Test
  void resultColumnsAreTheSelectList() {
    assertEquals(List.of("l_returnflag", "l_linestatus", "sum_qty", "sum_base_price", "sum_disc_price",
        "sum_charge", "avg_qty", "avg_price", "avg_disc", "count_order"), plan("q01").fieldNames());
    assertEquals(List.of("s_suppkey", "s_name", "s_address", "s_phone", "total_revenue"),
        plan("q15").fieldNames());
  }

  @Test
  void timesArePositive() {
    PlanningTimes times = plan("q05").times();
    assertTrue(times.parse().toNanos() > 0 && times.validate().toNanos() > 0 && times.convert().toNanos() > 0
        && times.optimize().toNanos() > 0, times.toString());
    assertEquals(times.total(), times.parse().plus(times.validate()).plus(times.convert()).plus(times.optimize()));
  }

  private static List<JoinRelType> joinTypesOtherThanInner(String name) {
    return PlanShapes.joins(plan(name).optimized()).stream()
        .map(Join::getJoinType)
        .filter(t -> t != JoinRelType.INNER)
        .collect(Collectors.toList());
  }
}
