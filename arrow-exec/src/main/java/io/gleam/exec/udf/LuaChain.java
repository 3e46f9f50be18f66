package io.gleam.exec.udf;

import io.gleam.udf.lua.CompiledLuaFunction;
import io.gleam.udf.lua.LuaValues;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.luaj.vm2.Varargs;

/**
 * Consecutive Lua steps (map, flatMap, filter) fused into one transform: values stay Lua values from the first
 * step to the last and are converted to Java once at the end, not between steps. Rows read straight from Arrow
 * can enter with {@link #applyLua}, skipping the Java conversion on the way in too.
 */
public final class LuaChain implements RowTransform {
  /** What a step does with its function's results. */
  public enum Kind { MAP, FLAT_MAP, FILTER }

  private record Step(Kind kind, CompiledLuaFunction function) {}

  private final List<Step> steps = new ArrayList<>();

  public void add(Kind kind, CompiledLuaFunction function) {
    steps.add(new Step(kind, function));
  }

  @Override
  public void apply(Object[] row, Consumer<Object[]> out) {
    run(0, LuaValues.toLuaArgs(row), out);
  }

  public void applyLua(Varargs args, Consumer<Object[]> out) {
    run(0, args, out);
  }

  private void run(int i, Varargs values, Consumer<Object[]> out) {
    if (i == steps.size()) {
      out.accept(LuaValues.toJavaRow(values));
      return;
    }
    Step step = steps.get(i);
    switch (step.kind) {
      case MAP -> run(i + 1, step.function.invokeLua(values), out);
      case FLAT_MAP -> step.function.flatCallLua(values, next -> run(i + 1, next, out));
      case FILTER -> {
        if (step.function.testLua(values)) {
          run(i + 1, values, out);
        }
      }
    }
  }
}
