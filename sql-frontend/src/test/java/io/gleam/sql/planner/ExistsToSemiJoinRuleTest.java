package io.gleam.sql.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gleam.sql.catalog.Catalog;
import java.util.List;
import org.apache.calcite.rel.RelNode;
import org.junit.jupiter.api.Test;

/** {@link ExistsToSemiJoinRule} makes EXISTS a semi-join and NOT EXISTS an anti-join, correlation as condition. */
class ExistsToSemiJoinRuleTest {

  @Test
  void correlatedExistsBecomesSemiJoinWithTheCorrelationAsCondition() {
    RelNode before = RuleTester.logical("select o_orderkey from orders where o_orderstatus = 'F' and exists "
        + "(select * from lineitem where l_orderkey = o_orderkey and l_suppkey <> o_custkey and l_tax > 0)");
    RelNode after = RuleTester.apply(before, GleamRules.EXISTS_TO_SEMI_JOIN);
    assertEquals("""
        LogicalProject(o_orderkey=[$0])
          LogicalFilter(condition=[=($2, _UTF-8'F')])
            LogicalJoin(condition=[AND(=($9, $0), <>($11, $1))], joinType=[semi])
              LogicalTableScan(table=[[tpch, tiny, orders]])
              LogicalFilter(condition=[>($7, 0.00)])
                LogicalTableScan(table=[[tpch, tiny, lineitem]])
        """, RuleTester.explain(after));
  }

  @Test
  void notExistsBecomesAntiJoin() {
    RelNode before = RuleTester.logical("select c_custkey from customer "
        + "where not exists (select 1 from orders where o_custkey = c_custkey)");
    RelNode after = RuleTester.apply(before, GleamRules.EXISTS_TO_SEMI_JOIN);
    assertEquals("""
        LogicalProject(c_custkey=[$0])
          LogicalJoin(condition=[=($9, $0)], joinType=[anti])
            LogicalTableScan(table=[[tpch, tiny, customer]])
            LogicalTableScan(table=[[tpch, tiny, orders]])
        """, RuleTester.explain(after));
  }

  @Test
  void leavesSubQueriesWithAnAggregateToTheStandardRules() {
    String sql = "select c_custkey from customer where exists "
        + "(select o_custkey from orders where o_custkey = c_custkey group by o_custkey having count(*) > 2)";
    RelNode before = RuleTester.logical(sql);
    assertEquals(RuleTester.explain(before),
        RuleTester.explain(RuleTester.apply(before, GleamRules.EXISTS_TO_SEMI_JOIN)));
    assertTrue(new SqlPlanner(new Catalog(), List.of("tpch", "tiny"))
        .plan(sql).explain().contains("joinType=[inner]"));
  }

  @Test
  void leavesUncorrelatedAndDisjunctiveExistsAlone() {
    for (String sql : new String[] {
        "select c_custkey from customer where exists (select 1 from orders where o_totalprice > 10)",
        "select c_custkey from customer where c_acctbal > 0 or exists (select 1 from orders where o_custkey = c_custkey)"}) {
      RelNode before = RuleTester.logical(sql);
      assertEquals(RuleTester.explain(before),
          RuleTester.explain(RuleTester.apply(before, GleamRules.EXISTS_TO_SEMI_JOIN)), sql);
    }
  }
}
