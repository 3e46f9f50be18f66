package io.gleam.planner.plan;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * Fused one-to-one steps between exchanges: one task per partition runs {@code root}, and sends its rows to
 * {@code output}.
 */
public record Stage(int id, int partitions, PlanNode root, StageOutput output) {
  public Stage {
    requireNonNull(root, "root is null");
    requireNonNull(output, "output is null");
    if (partitions < 1) {
      throw new IllegalArgumentException("stage " + id + " has " + partitions + " partitions");
    }
  }

  /** The stages this stage reads from, in the order its operator tree reads them. */
  public List<Integer> inputStages() {
    List<Integer> ids = new ArrayList<>();
    collectInputs(root, ids);
    return ids;
  }

  private static void collectInputs(PlanNode node, List<Integer> ids) {
    if (node instanceof PlanNode.ExchangeRead read) {
      ids.add(read.stage());
    }
    for (PlanNode child : node.children()) {
      collectInputs(child, ids);
    }
  }
}
