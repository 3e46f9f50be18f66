package io.gleam.planner.expr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import java.util.List;

/** Serializes expressions to JSON and back; the JSON text of a list of expressions also keys compiled kernels. */
public final class ExprCodec {
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
  private static final TypeReference<List<Expr>> LIST = new TypeReference<>() {};

  private ExprCodec() {}

  public static String toJson(Expr expr) {
    try {
      return MAPPER.writerFor(Expr.class).writeValueAsString(expr);
    } catch (JsonProcessingException e) {
      throw new GleamException(ErrorCode.INTERNAL, "cannot serialize expression " + expr.render(), e);
    }
  }

  public static String toJson(List<Expr> exprs) {
    try {
      return MAPPER.writerFor(LIST).writeValueAsString(exprs);
    } catch (JsonProcessingException e) {
      throw new GleamException(ErrorCode.INTERNAL, "cannot serialize expressions " + exprs, e);
    }
  }

  public static Expr fromJson(String json) {
    try {
      return MAPPER.readValue(json, Expr.class);
    } catch (JsonProcessingException e) {
      throw new GleamException(ErrorCode.INTERNAL, "cannot read expression: " + e.getOriginalMessage(), e);
    }
  }

  public static List<Expr> listFromJson(String json) {
    try {
      return MAPPER.readValue(json, LIST);
    } catch (JsonProcessingException e) {
      throw new GleamException(ErrorCode.INTERNAL, "cannot read expressions: " + e.getOriginalMessage(), e);
    }
  }
}
