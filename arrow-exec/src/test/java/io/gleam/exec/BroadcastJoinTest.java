package io.gleam.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gleam.planner.Dataset;
import io.gleam.planner.Flow;
import io.gleam.planner.GleamException;
import io.gleam.planner.Row;
import io.gleam.planner.plan.JoinDistribution;
import io.gleam.planner.plan.JoinType;
import io.gleam.planner.plan.PhysicalPlan;
import io.gleam.planner.plan.StageOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Broadcast joins: the right side copied to every left partition, checked against a nested-loop join. */
class BroadcastJoinTest extends FlowTestBase {
  private final List<Row> left = new ArrayList<>();
  private final List<Row> right = new ArrayList<>();

  BroadcastJoinTest() {
    Random r = new Random(17);
    for (int i = 0; i < 3000; i++) {
      left.add(Row.of(r.nextInt(10) == 0 ? null : (long) r.nextInt(300), "l" + i));
    }
    for (int i = 0; i < 200; i++) {
      right.add(Row.of(r.nextInt(10) == 0 ? null : (long) r.nextInt(400), "r" + i));
    }
  }

  private List<Row> oracle(JoinType type) {
    List<Row> out = new ArrayList<>();
    for (Row l : left) {
      boolean matched = false;
      for (Row r : right) {
        if (l.get(0) != null && l.get(0).equals(r.get(0))) {
          matched = true;
          if (type == JoinType.INNER || type == JoinType.LEFT) {
            out.add(Row.of(l.get(0), l.get(1), r.get(0), r.get(1)));
          }
        }
      }
      if (!matched && type == JoinType.LEFT) {
        out.add(Row.of(l.get(0), l.get(1), null, null));
      }
      if ((type == JoinType.SEMI && matched) || (type == JoinType.ANTI && !matched)) {
        out.add(l);
      }
    }
    return out;
  }

  @Test
  void broadcastJoinsMatchNestedLoops() {
    for (JoinType type : List.of(JoinType.INNER, JoinType.LEFT, JoinType.SEMI, JoinType.ANTI)) {
      Flow flow = Flow.create("broadcast-" + type).parallelism(3);
      Dataset l = flow.fromRows(left, "k bigint, lv string", 3);
      Dataset r = flow.fromRows(right, "k bigint, rv string", 2);
      Dataset j = l.join(r, List.of("k"), List.of("k"), type, JoinDistribution.BROADCAST);
      String id = collect(j);
      PhysicalPlan plan = flow.plan();
      assertTrue(plan.stages().stream().anyMatch(s -> s.output() instanceof StageOutput.Broadcast),
          "the right side is broadcast");
      assertTrue(plan.stages().stream().noneMatch(s -> s.output() instanceof StageOutput.Hash),
          "nothing is shuffled");
      List<Row> got = run(plan, options()).rows(id);
      assertEquals(multiset(oracle(type)), multiset(got), type.toString());
    }
  }

  @Test
  void rightAndFullJoinsCannotBroadcast() {
    Flow flow = Flow.create("broadcast-full");
    Dataset l = flow.fromRows(left, "k bigint, lv string", 2);
    Dataset r = flow.fromRows(right, "k bigint, rv string", 2);
    GleamException e = assertThrows(GleamException.class,
        () -> l.join(r, List.of("k"), List.of("k"), JoinType.FULL, JoinDistribution.BROADCAST));
    assertTrue(e.getMessage().contains("FULL join cannot broadcast"), e.getMessage());
  }
}
