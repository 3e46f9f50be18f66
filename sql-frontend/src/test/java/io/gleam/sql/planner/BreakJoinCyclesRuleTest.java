package io.gleam.sql.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gleam.connectors.tpch.TpchTables;
import io.gleam.sql.catalog.Catalog;
import io.gleam.sql.catalog.CreateMode;
import io.gleam.sql.catalog.GleamTable;
import java.util.List;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.core.Join;
import org.junit.jupiter.api.Test;

/**
 * {@link BreakJoinCyclesRule} on TPC-H Q5, whose join graph has the cycle customer - orders - lineitem - supplier -
 * customer: {@code c_nationkey = s_nationkey} never joins customer and supplier by itself, with unique keys (the
 * {@code tpch} schema) or without (tables in the main schema, as CSV files and managed tables are), and it is still
 * checked, on the join that completes the cycle.
 */
class BreakJoinCyclesRuleTest {

  @Test
  void q05WithUniqueKeysChecksTheNationEqualityOnTheJoinThatClosesTheCycle() {
    PlannedQuery query = new SqlPlanner(new Catalog(), List.of("tpch", "sf1")).plan(TpchQueryFiles.sql("q05"));
    assertNationEqualityIsAResidual(query);
  }

  @Test
  void q05WithoutKeysChecksTheNationEqualityOnTheJoinThatClosesTheCycle() {
    Catalog catalog = new Catalog();
    for (String table : TpchTables.names()) {
      // Managed tables of SF1's sizes, with no unique keys: the optimizer knows only their row counts.
      catalog.createTable(List.of(table),
          GleamTable.managed(TpchTables.schema(table), TpchTables.rowCount(table, 1)), CreateMode.FAIL_IF_EXISTS);
    }
    PlannedQuery query = new SqlPlanner(catalog).plan(TpchQueryFiles.sql("q05"));
    assertNationEqualityIsAResidual(query);
  }

  @Test
  void acyclicJoinsKeepTheirConditions() {
    // Q3's join graph is a path (customer - orders - lineitem): every equality stays a join condition.
    PlannedQuery query = new SqlPlanner(new Catalog(), List.of("tpch", "tiny")).plan(TpchQueryFiles.sql("q03"));
    List<Join> joins = PlanShapes.joins(query.optimized());
    assertEquals(2, joins.size(), query.explain());
    assertTrue(joins.stream().anyMatch(j -> PlanShapes.joinsOn(j, "c_custkey", "o_custkey")), query.explain());
    assertTrue(joins.stream().anyMatch(j -> PlanShapes.joinsOn(j, "l_orderkey", "o_orderkey")), query.explain());
  }

  private static void assertNationEqualityIsAResidual(PlannedQuery query) {
    List<Join> joins = PlanShapes.joins(query.optimized());
    assertEquals(5, joins.size(), query.explain());
    List<Join> nationJoins = joins.stream()
        .filter(j -> PlanShapes.joinsOn(j, "c_nationkey", "s_nationkey"))
        .toList();
    assertEquals(1, nationJoins.size(), query.explain());
    // The join that checks it joins on a key too: orders with lineitem, or lineitem with supplier.
    Join closing = nationJoins.get(0);
    assertEquals(2, RelOptUtil.conjunctions(closing.getCondition()).size(), query.explain());
    assertTrue(PlanShapes.joinsOn(closing, "o_orderkey", "l_orderkey")
        || PlanShapes.joinsOn(closing, "l_suppkey", "s_suppkey"), query.explain());
  }
}
