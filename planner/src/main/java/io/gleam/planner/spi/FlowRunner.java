package io.gleam.planner.spi;

import io.gleam.planner.plan.PhysicalPlan;

/**
 * Executes physical plans. Implementations are found with {@link java.util.ServiceLoader} by {@link #name()}
 * ("local" for the in-process Arrow runner), so the fluent API does not depend on the modules that execute it.
 */
public interface FlowRunner {
  String name();

  RunResult run(PhysicalPlan plan, RunOptions options);
}
