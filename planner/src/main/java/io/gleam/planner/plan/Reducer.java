package io.gleam.planner.plan;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.gleam.planner.fn.UserFunction;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How reduceByKey combines the rows of a key: built-in aggregates, or a user function (Lua or Java) over the value
 * columns that must be associative and commutative.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Reducer.Builtin.class, name = "builtin"),
    @JsonSubTypes.Type(value = Reducer.User.class, name = "user")})
public sealed interface Reducer {
  String describe();

  /** Built-in aggregates; the output has the key columns, then one column per call. */
  record Builtin(List<AggCall> calls) implements Reducer {
    public Builtin {
      calls = List.copyOf(requireNonNull(calls, "calls is null"));
    }

    @Override
    public String describe() {
      return calls.stream().map(AggCall::toString).collect(Collectors.joining(", "));
    }
  }

  /** A user reducer over the value columns; the output has the key columns, then the value columns. */
  record User(UserFunction function) implements Reducer {
    public User {
      requireNonNull(function, "function is null");
    }

    @Override
    public String describe() {
      return function.describe();
    }
  }
}
