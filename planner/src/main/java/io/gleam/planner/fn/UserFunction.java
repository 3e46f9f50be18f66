package io.gleam.planner.fn;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * User code as plain data: a Java function by its registered name, or Lua source text. This is what the physical
 * plan carries, so a plan can be shipped to another process and printed.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = UserFunction.Java.class, name = "java"),
    @JsonSubTypes.Type(value = UserFunction.Lua.class, name = "lua")})
public sealed interface UserFunction {
  /** A one-line description for plan rendering. */
  String describe();

  /** A Java function registered in {@link FunctionRegistry} under {@code name}. */
  record Java(String name) implements UserFunction {
    public Java {
      requireNonNull(name, "name is null");
    }

    @Override
    public String describe() {
      return "java:" + name;
    }
  }

  /** Lua source text of one function, e.g. {@code function(x, y) return x + y end}. */
  record Lua(String source) implements UserFunction {
    public Lua {
      requireNonNull(source, "source is null");
    }

    @Override
    public String describe() {
      String oneLine = source.strip().replaceAll("\\s+", " ");
      return "lua:" + (oneLine.length() > 60 ? oneLine.substring(0, 57) + "..." : oneLine);
    }
  }
}
