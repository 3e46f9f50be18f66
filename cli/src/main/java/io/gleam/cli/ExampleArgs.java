package io.gleam.cli;

import io.gleam.planner.Flow;
import io.gleam.planner.plan.PlanRenderer;
import io.gleam.planner.spi.RunOptions;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Options of an example: {@code --name value} pairs and the {@code --explain} / {@code --dot} switches. */
public final class ExampleArgs {
  private final Map<String, String> values;
  private final boolean explain;
  private final boolean dot;

  private ExampleArgs(Map<String, String> values, boolean explain, boolean dot) {
    this.values = Map.copyOf(values);
    this.explain = explain;
    this.dot = dot;
  }

  public static ExampleArgs parse(String[] args) {
    Map<String, String> values = new HashMap<>();
    boolean explain = false;
    boolean dot = false;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--explain")) {
        explain = true;
      } else if (a.equals("--dot")) {
        dot = true;
      } else if (a.startsWith("--") && i + 1 < args.length) {
        values.put(a.substring(2), args[++i]);
      } else {
        throw new UsageException("unexpected argument '" + a + "'");
      }
    }
    return new ExampleArgs(values, explain, dot);
  }

  public String required(String name) {
    String v = values.get(name);
    if (v == null) {
      throw new UsageException("missing --" + name);
    }
    return v;
  }

  public Optional<String> optional(String name) {
    return Optional.ofNullable(values.get(name));
  }

  public int intValue(String name, int defaultValue) {
    String v = values.get(name);
    if (v == null) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " must be a number, got '" + v + "'");
    }
  }

  /** Prints the plan (with --explain or --dot) or runs the flow. */
  public void runOrExplain(Flow flow, PrintStream out) {
    if (explain) {
      out.print(PlanRenderer.text(flow.plan()));
    } else if (dot) {
      out.print(PlanRenderer.dot(flow.plan()));
    } else {
      RunOptions options = RunOptions.defaults();
      Optional<String> memory = optional("memory");
      if (memory.isPresent()) {
        options = options.withMemoryBudget(Long.parseLong(memory.get()));
      }
      flow.run(options);
    }
  }
}
