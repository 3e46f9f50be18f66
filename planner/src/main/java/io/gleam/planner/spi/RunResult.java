package io.gleam.planner.spi;

import static java.util.Objects.requireNonNull;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.planner.Row;
import java.util.List;
import java.util.Map;

/**
 * What a run returns: the rows of each collect sink by id, and counters (rows, spills, skipped malformed rows).
 */
public record RunResult(Map<String, List<Row>> collected, Map<String, Long> counters) {
  public RunResult {
    collected = Map.copyOf(requireNonNull(collected, "collected is null"));
    counters = Map.copyOf(requireNonNull(counters, "counters is null"));
  }

  public List<Row> rows(String collectId) {
    List<Row> rows = collected.get(collectId);
    if (rows == null) {
      throw new GleamException(ErrorCode.INVALID_FLOW, "no collect sink named " + collectId);
    }
    return rows;
  }

  public long counter(String name) {
    return counters.getOrDefault(name, 0L);
  }
}
