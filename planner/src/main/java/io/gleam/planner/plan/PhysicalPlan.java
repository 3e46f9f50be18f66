package io.gleam.planner.plan;

import static java.util.Objects.requireNonNull;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import java.util.List;

/**
 * A flow cut into stages, in dependency order (a stage's inputs come before it). Plain data: it serializes with
 * {@link PlanCodec}, renders with {@link PlanRenderer}, and any runner can execute it.
 *
 * @param luaLibraries Lua libraries the flow allows beyond the sandbox (e.g. "os", "io")
 */
public record PhysicalPlan(String flowName, List<Stage> stages, List<String> luaLibraries) {
  public PhysicalPlan {
    requireNonNull(flowName, "flowName is null");
    stages = List.copyOf(requireNonNull(stages, "stages is null"));
    luaLibraries = List.copyOf(requireNonNull(luaLibraries, "luaLibraries is null"));
    for (int i = 0; i < stages.size(); i++) {
      if (stages.get(i).id() != i) {
        throw new GleamException(ErrorCode.INTERNAL, "stage " + i + " has id " + stages.get(i).id());
      }
    }
  }

  public Stage stage(int id) {
    return stages.get(id);
  }
}
