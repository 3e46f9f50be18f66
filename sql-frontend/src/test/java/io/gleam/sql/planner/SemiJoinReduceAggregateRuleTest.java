package io.gleam.sql.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gleam.sql.catalog.Catalog;
import java.util.List;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.junit.jupiter.api.Test;

/**
 * Where {@link SemiJoinReduceAggregateRule} applies and where it must not. Its results are checked against DuckDB
 * by the TPC-H suites (Q2, Q17 and Q20 take it) and by {@code sqlcases/semijoin_reduction.slt} (NULL and repeated
 * keys); here the plans.
 */
class SemiJoinReduceAggregateRuleTest {
  private static final SqlPlanner PLANNER = new SqlPlanner(new Catalog(), List.of("tpch", "tiny"));

  private static long semiJoins(String sql) {
    RelNode plan = PLANNER.plan(sql).optimized();
    return PlanShapes.nodes(plan).stream()
        .filter(n -> n instanceof Join j && j.getJoinType() == JoinRelType.SEMI).count();
  }

  @Test
  void aggregateJoinedToAFewFilteredRowsGroupsOnlyTheirKeys() {
    // 20 of 200 parts joined to lineitem's 60,000 rows grouped by part
    String sql = "SELECT p.p_name, s.q FROM part p JOIN (SELECT l_partkey, SUM(l_quantity) AS q FROM lineitem"
        + " GROUP BY l_partkey) s ON p.p_partkey = s.l_partkey WHERE p.p_size = 7";
    assertEquals(1, semiJoins(sql), () -> PLANNER.plan(sql).explain());
  }

  @Test
  void keysOnBothSidesOfTheJoinMustBeEqualities() {
    String sql = "SELECT p.p_name, s.q FROM part p JOIN (SELECT l_partkey, SUM(l_quantity) AS q FROM lineitem"
        + " GROUP BY l_partkey) s ON p.p_partkey < s.l_partkey WHERE p.p_size = 7";
    assertEquals(0, semiJoins(sql));
  }

  @Test
  void notWhenTheOtherSideIsAsLargeAsTheAggregateInput() {
    // every order joined to lineitem grouped by order: the filter would keep everything and cost a second scan
    String sql = "SELECT o.o_orderkey, s.q FROM orders o JOIN (SELECT l_orderkey, SUM(l_quantity) AS q FROM lineitem"
        + " GROUP BY l_orderkey) s ON o.o_orderkey = s.l_orderkey";
    assertEquals(0, semiJoins(sql));
  }

  @Test
  void notForOuterJoinsOrAggregatesOverNonKeyColumns() {
    String left = "SELECT p.p_name, s.q FROM part p LEFT JOIN (SELECT l_partkey, SUM(l_quantity) AS q FROM lineitem"
        + " GROUP BY l_partkey) s ON p.p_partkey = s.l_partkey WHERE p.p_size = 7";
    assertEquals(0, semiJoins(left));
    // joined on the aggregate's result, not on a group key
    String onSum = "SELECT p.p_name FROM part p JOIN (SELECT l_partkey, COUNT(*) AS c FROM lineitem"
        + " GROUP BY l_partkey) s ON p.p_size = s.c WHERE p.p_size = 7";
    assertEquals(0, semiJoins(onSum));
  }

  @Test
  void appliesOncePerJoin() {
    String sql = "SELECT p.p_name, s.q FROM part p JOIN (SELECT l_partkey, l_suppkey, SUM(l_quantity) AS q"
        + " FROM lineitem GROUP BY l_partkey, l_suppkey) s ON p.p_partkey = s.l_partkey WHERE p.p_size = 7";
    assertEquals(1, semiJoins(sql), () -> PLANNER.plan(sql).explain());
  }

  @Test
  void likeGuessesFollowThePattern() {
    assertEquals(GleamSelectivity.PREFIX_MATCH, GleamSelectivity.patternSelectivity("forest%"));
    assertEquals(GleamSelectivity.CONTAINS_MATCH, GleamSelectivity.patternSelectivity("%green%"));
    assertEquals(1.0, GleamSelectivity.patternSelectivity("%"));
    assertEquals(1.0, GleamSelectivity.patternSelectivity("%_%"));
    assertTrue(GleamSelectivity.patternSelectivity("abc") <= GleamSelectivity.PREFIX_MATCH);
    assertFalse(GleamSelectivity.patternSelectivity("_bc%") > GleamSelectivity.CONTAINS_MATCH);
  }
}
