package io.gleam.sql.planner;

import io.gleam.sql.catalog.Catalog;
import java.util.List;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.rel.RelNode;

/** Applies planner rules, alone, to the unoptimized plan of a query over {@code tpch.tiny}. */
final class RuleTester {
  private static final SqlPlanner PLANNER = new SqlPlanner(new Catalog(), List.of("tpch", "tiny"));

  private RuleTester() {}

  /** The plan of {@code sql} as converted from SQL, before any optimization. */
  static RelNode logical(String sql) {
    return PLANNER.plan(sql).logical();
  }

  /** {@code rel} after applying {@code rules} until none applies. */
  static RelNode apply(RelNode rel, RelOptRule... rules) {
    HepPlanner planner = new HepPlanner(HepProgram.builder().addRuleCollection(List.of(rules)).build());
    planner.setRoot(rel);
    return planner.findBestExp();
  }

  static String explain(RelNode rel) {
    return RelOptUtil.toString(rel);
  }
}
