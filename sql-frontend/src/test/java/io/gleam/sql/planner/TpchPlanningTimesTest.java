package io.gleam.sql.planner;

import io.gleam.sql.catalog.Catalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Prints how long planning each TPC-H query takes: the median of 5 runs after warming up on all 22 queries, in
 * total and by step. Disabled unless run with {@code -Dgleam.planningTimes=true}, e.g.
 * {@code mvn test -pl sql-frontend -Dtest=TpchPlanningTimesTest -Dgleam.planningTimes=true}; it asserts nothing.
 */
@EnabledIfSystemProperty(named = "gleam.planningTimes", matches = "true")
class TpchPlanningTimesTest {
  private static final int WARM_UP_ROUNDS = 20;
  private static final int RUNS = 5;

  @Test
  void printPlanningTimes() {
    SqlPlanner planner = new SqlPlanner(new Catalog(), List.of("tpch", "tiny"));
    List<String> names = TpchQueryFiles.names().toList();
    List<String> sqls = names.stream().map(TpchQueryFiles::sql).toList();
    for (int round = 0; round < WARM_UP_ROUNDS; round++) {
      sqls.forEach(planner::plan);
    }
    StringBuilder table = new StringBuilder(String.format("%-5s %9s %9s %9s %9s %9s%n",
        "query", "total ms", "parse", "validate", "convert", "optimize"));
    double sum = 0;
    for (int q = 0; q < names.size(); q++) {
      List<PlanningTimes> runs = new ArrayList<>();
      for (int run = 0; run < RUNS; run++) {
        runs.add(planner.plan(sqls.get(q)).times());
      }
      double total = median(runs, PlanningTimes::total);
      sum += total;
      table.append(String.format("%-5s %9.2f %9.2f %9.2f %9.2f %9.2f%n", names.get(q), total,
          median(runs, PlanningTimes::parse), median(runs, PlanningTimes::validate),
          median(runs, PlanningTimes::convert), median(runs, PlanningTimes::optimize)));
    }
    table.append(String.format("%-5s %9.2f%n", "sum", sum));
    // This test exists to show the table on the console, as a benchmark would.
    System.out.print(table);
  }

  private static double median(List<PlanningTimes> runs, Function<PlanningTimes, Duration> step) {
    List<Duration> sorted = runs.stream().map(step).sorted(Comparator.naturalOrder()).toList();
    return sorted.get(sorted.size() / 2).toNanos() / 1e6;
  }
}
