package io.gleam.sql.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.rules.CoreRules;
import org.junit.jupiter.api.Test;

/** {@link FactorOrConditionsRule} pulls the conjuncts every branch of an OR shares out of it. */
class FactorOrConditionsRuleTest {

  @Test
  void pullsTheSharedJoinKeyOutOfAFilter() {
    RelNode before = RuleTester.logical("select p_name from part, partsupp "
        + "where (p_partkey = ps_partkey and p_size = 1) or (ps_partkey = p_partkey and p_size = 2 and ps_availqty > 5)");
    RelNode after = RuleTester.apply(before, GleamRules.FILTER_FACTOR_OR_CONDITIONS);
    assertEquals("""
        LogicalProject(p_name=[$1])
          LogicalFilter(condition=[AND(=($0, $9), OR(=($5, 1), AND(=($5, 2), >($11, 5))))])
            LogicalJoin(condition=[true], joinType=[inner])
              LogicalTableScan(table=[[tpch, tiny, part]])
              LogicalTableScan(table=[[tpch, tiny, partsupp]])
        """, RuleTester.explain(after));
  }

  @Test
  void withFilterIntoJoinTheCrossProductBecomesAnEquiJoin() {
    RelNode before = RuleTester.logical("select p_name from part, partsupp "
        + "where (p_partkey = ps_partkey and p_size = 1) or (p_partkey = ps_partkey and p_size = 2)");
    RelNode after = RuleTester.apply(before, GleamRules.FILTER_FACTOR_OR_CONDITIONS, CoreRules.FILTER_INTO_JOIN);
    Join join = PlanShapes.joins(after).get(0);
    assertTrue(PlanShapes.joinsOn(join, "p_partkey", "ps_partkey"), RuleTester.explain(after));
  }

  @Test
  void factorsAJoinCondition() {
    RelNode before = RuleTester.logical("select p_name from part join partsupp "
        + "on (p_partkey = ps_partkey and p_size = 1) or (p_partkey = ps_partkey and ps_availqty = 2)");
    RelNode after = RuleTester.apply(before, GleamRules.JOIN_FACTOR_OR_CONDITIONS);
    assertTrue(PlanShapes.joinsOn(PlanShapes.joins(after).get(0), "p_partkey", "ps_partkey"),
        RuleTester.explain(after));
  }

  @Test
  void leavesADisjunctionWithoutSharedConjunctsAlone() {
    RelNode before = RuleTester.logical("select p_name from part "
        + "where (p_size = 1 and p_brand = 'a') or (p_size = 2 and p_brand = 'b')");
    RelNode after = RuleTester.apply(before, GleamRules.FILTER_FACTOR_OR_CONDITIONS);
    assertEquals(RuleTester.explain(before), RuleTester.explain(after));
  }

  @Test
  void findsCommonFactorsInNestedDisjunctionsOnly() {
    RelNode q = RuleTester.logical("select p_name from part where p_size = 1 or (p_size = 2 and p_size = 1)");
    assertTrue(FactorOrConditionsRule.hasCommonFactor(
        ((Filter) q.getInput(0)).getCondition()));
    RelNode r = RuleTester.logical("select p_name from part where p_size = 1 or p_size = 2");
    assertFalse(FactorOrConditionsRule.hasCommonFactor(
        ((Filter) r.getInput(0)).getCondition()));
  }
}
