package io.gleam.planner.plan;

import io.gleam.planner.Schemas;
import java.util.ArrayList;
import java.util.List;

/** Renders a physical plan as indented text or as Graphviz DOT (one cluster per stage). */
public final class PlanRenderer {
  private PlanRenderer() {}

  public static String text(PhysicalPlan plan) {
    StringBuilder sb = new StringBuilder();
    sb.append("Flow ").append(plan.flowName()).append(": ").append(plan.stages().size()).append(" stages\n");
    for (int i = plan.stages().size() - 1; i >= 0; i--) {
      Stage s = plan.stages().get(i);
      sb.append("Stage ").append(s.id()).append(" [tasks=").append(s.partitions()).append("] -> ")
          .append(s.output().describe()).append('\n');
      appendTree(sb, s.root(), 1);
    }
    return sb.toString();
  }

  private static void appendTree(StringBuilder sb, PlanNode node, int depth) {
    sb.append("  ".repeat(depth)).append(node.explain()).append("  (").append(Schemas.render(node.schema()))
        .append(")\n");
    for (PlanNode child : node.children()) {
      appendTree(sb, child, depth + 1);
    }
  }

  public static String dot(PhysicalPlan plan) {
    StringBuilder sb = new StringBuilder();
    sb.append("digraph \"").append(escape(plan.flowName())).append("\" {\n");
    sb.append("  rankdir=BT;\n  node [shape=box, fontname=\"Helvetica\", fontsize=10];\n");
    int[] nodeCount = {0};
    List<String> exchangeEdges = new ArrayList<>();
    String[] roots = new String[plan.stages().size()];
    for (Stage s : plan.stages()) {
      sb.append("  subgraph cluster_stage").append(s.id()).append(" {\n");
      sb.append("    label=\"Stage ").append(s.id()).append(" (").append(s.partitions()).append(" tasks)\";\n");
      roots[s.id()] = appendDotTree(sb, s.root(), s.id(), nodeCount, exchangeEdges);
      sb.append("  }\n");
    }
    for (String e : exchangeEdges) {
      String[] parts = e.split(" ", 2);
      int from = Integer.parseInt(parts[0]);
      Stage producer = plan.stage(from);
      sb.append("  ").append(roots[from]).append(" -> ").append(parts[1])
          .append(" [style=dashed, label=\"").append(escape(producer.output().describe())).append("\"];\n");
    }
    sb.append("}\n");
    return sb.toString();
  }

  private static String appendDotTree(StringBuilder sb, PlanNode node, int stage, int[] nodeCount,
      List<String> exchangeEdges) {
    // Numbered by visit, not by distinct node: a subtree shared by two consumers is drawn once per use.
    String id = "n" + stage + "_" + nodeCount[0]++;
    sb.append("    ").append(id).append(" [label=\"").append(escape(node.explain())).append("\"];\n");
    if (node instanceof PlanNode.ExchangeRead read) {
      exchangeEdges.add(read.stage() + " " + id);
    }
    for (PlanNode child : node.children()) {
      String childId = appendDotTree(sb, child, stage, nodeCount, exchangeEdges);
      sb.append("    ").append(childId).append(" -> ").append(id).append(";\n");
    }
    return id;
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
