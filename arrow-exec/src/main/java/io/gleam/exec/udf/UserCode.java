package io.gleam.exec.udf;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.planner.Row;
import io.gleam.planner.fn.FunctionRegistry;
import io.gleam.planner.fn.RowFlatMapper;
import io.gleam.planner.fn.RowMapper;
import io.gleam.planner.fn.RowPredicate;
import io.gleam.planner.fn.RowReducer;
import io.gleam.planner.fn.UserFunction;
import io.gleam.udf.lua.CompiledLuaFunction;
import io.gleam.udf.lua.LuaFunctions;
import io.gleam.udf.lua.LuaSandbox;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a plan's user functions into per-task code: Java functions looked up by name, Lua compiled once per task
 * (each task has its own Lua state). Errors thrown by Java code are wrapped with the step's name and the row.
 */
public final class UserCode {
  private final LuaSandbox sandbox;

  public UserCode(List<String> luaLibraries) {
    this.sandbox = LuaSandbox.allowing(luaLibraries);
  }

  /** Lua code compiled for this task. */
  public CompiledLuaFunction lua(String step, UserFunction.Lua fn) {
    return LuaFunctions.compile(step, fn, sandbox);
  }

  public RowTransform map(String step, UserFunction fn) {
    if (fn instanceof UserFunction.Lua lua) {
      CompiledLuaFunction f = LuaFunctions.compile(step, lua, sandbox);
      return (row, out) -> out.accept(f.call(row));
    }
    RowMapper m = FunctionRegistry.lookup(((UserFunction.Java) fn).name(), RowMapper.class);
    return (row, out) -> {
      Row r;
      try {
        r = m.apply(Row.wrap(row));
      } catch (RuntimeException e) {
        throw failed(step, row, e);
      }
      if (r != null) {
        out.accept(r.unwrap());
      }
    };
  }

  public RowTransform flatMap(String step, UserFunction fn) {
    if (fn instanceof UserFunction.Lua lua) {
      CompiledLuaFunction f = LuaFunctions.compile(step, lua, sandbox);
      return f::flatCall;
    }
    RowFlatMapper m = FunctionRegistry.lookup(((UserFunction.Java) fn).name(), RowFlatMapper.class);
    return (row, out) -> {
      try {
        m.apply(Row.wrap(row), r -> out.accept(r.unwrap()));
      } catch (GleamException e) {
        throw e;
      } catch (RuntimeException e) {
        throw failed(step, row, e);
      }
    };
  }

  public RowTransform filter(String step, UserFunction fn) {
    if (fn instanceof UserFunction.Lua lua) {
      CompiledLuaFunction f = LuaFunctions.compile(step, lua, sandbox);
      return (row, out) -> {
        if (f.test(row)) {
          out.accept(row);
        }
      };
    }
    RowPredicate p = FunctionRegistry.lookup(((UserFunction.Java) fn).name(), RowPredicate.class);
    return (row, out) -> {
      boolean keep;
      try {
        keep = p.test(Row.wrap(row));
      } catch (RuntimeException e) {
        throw failed(step, row, e);
      }
      if (keep) {
        out.accept(row);
      }
    };
  }

  public ValueCombiner reducer(String step, UserFunction fn) {
    if (fn instanceof UserFunction.Lua lua) {
      CompiledLuaFunction f = LuaFunctions.compile(step, lua, sandbox);
      return f::reduce;
    }
    RowReducer r = FunctionRegistry.lookup(((UserFunction.Java) fn).name(), RowReducer.class);
    return (a, b) -> {
      try {
        return r.reduce(Row.wrap(a), Row.wrap(b)).unwrap();
      } catch (RuntimeException e) {
        throw failed(step, a, e);
      }
    };
  }

  private static GleamException failed(String step, Object[] row, RuntimeException e) {
    if (e instanceof GleamException g) {
      return g;
    }
    return new GleamException(ErrorCode.USER_FUNCTION_FAILED,
        "Java function of step '" + step + "' failed on row " + Arrays.toString(row) + ": " + e, e);
  }
}
