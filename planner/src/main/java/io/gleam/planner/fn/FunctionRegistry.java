package io.gleam.planner.fn;

import static java.util.Objects.requireNonNull;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Java functions by name, process-wide. A plan refers to Java code only by these names, so the process that runs
 * it (this one, or an executor with the same classes) resolves them here.
 */
public final class FunctionRegistry {
  private static final Map<String, Object> FUNCTIONS = new ConcurrentHashMap<>();

  private FunctionRegistry() {}

  /** Registers (or replaces) a function under a name; returns the reference a plan carries. */
  public static UserFunction.Java register(String name, Object function) {
    requireNonNull(name, "name is null");
    requireNonNull(function, "function is null");
    FUNCTIONS.put(name, function);
    return new UserFunction.Java(name);
  }

  public static <T> T lookup(String name, Class<T> type) {
    Object fn = FUNCTIONS.get(name);
    if (fn == null) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "no Java function registered as '%s'", name);
    }
    if (!type.isInstance(fn)) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "Java function '%s' is a %s, not a %s",
          name, fn.getClass().getSimpleName(), type.getSimpleName());
    }
    return type.cast(fn);
  }
}
