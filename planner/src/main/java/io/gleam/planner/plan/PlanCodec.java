package io.gleam.planner.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;

/** Serializes physical plans to JSON and back, so a plan can cross a process boundary. */
public final class PlanCodec {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .registerModule(new Jdk8Module())
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  private PlanCodec() {}

  public static String toJson(PhysicalPlan plan) {
    try {
      return MAPPER.writeValueAsString(plan);
    } catch (JsonProcessingException e) {
      throw new GleamException(ErrorCode.INTERNAL, "cannot serialize plan of flow " + plan.flowName(), e);
    }
  }

  public static PhysicalPlan fromJson(String json) {
    try {
      return MAPPER.readValue(json, PhysicalPlan.class);
    } catch (JsonProcessingException e) {
      throw new GleamException(ErrorCode.INTERNAL, "cannot read plan: " + e.getOriginalMessage(), e);
    }
  }
}
