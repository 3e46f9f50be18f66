package io.gleam.exec.udf;

import io.gleam.udf.lua.CompiledLuaFunction;
import io.gleam.udf.lua.LuaValues;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
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
  private boolean[] rawStrings = new boolean[0];

  /**
   * Lets string results in the given output columns leave the chain as {@link LuaString}s (UTF-8 bytes with a
   * precomputed hash) instead of Java strings. Only for a consumer that knows it, such as an aggregate keyed on
   * those columns, which converts each distinct key once when it emits it.
   */
  public void keepRawStrings(int[] columns) {
    int max = 0;
    for (int c : columns) {
      max = Math.max(max, c + 1);
    }
    rawStrings = new boolean[max];
    for (int c : columns) {
      rawStrings[c] = true;
    }
  }

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

  /**
   * Converts results to Java values, strings through a small direct-mapped cache: LuaJ hands out the same
   * {@link LuaString} for a short string seen recently, so frequent words (the head of a Zipf distribution) are
   * decoded once and arrive downstream as the same {@code String}, whose hash is already computed.
   */
  private Object[] toJavaRow(Varargs values) {
    int n = values.narg();
    Object[] row = new Object[n];
    for (int c = 0; c < n; c++) {
      LuaValue v = values.arg(c + 1);
      if (v instanceof LuaString s) {
        row[c] = c < rawStrings.length && rawStrings[c] ? s : javaString(s);
      } else {
        row[c] = LuaValues.toJava(v);
      }
    }
    return row;
  }

  private String javaString(LuaString s) {
    int slot = s.hashCode() & (CACHE_SIZE - 1);
    LuaString cached = cacheKeys[slot];
    if (cached == s || (cached != null && cached.raweq(s))) {
      return cacheValues[slot];
    }
    String j = new String(s.m_bytes, s.m_offset, s.m_length, java.nio.charset.StandardCharsets.UTF_8);
    cacheKeys[slot] = s;
    cacheValues[slot] = j;
    return j;
  }

  private static final int CACHE_SIZE = 4096;
  private final LuaString[] cacheKeys = new LuaString[CACHE_SIZE];
  private final String[] cacheValues = new String[CACHE_SIZE];

  private void run(int i, Varargs values, Consumer<Object[]> out) {
    if (i == steps.size()) {
      out.accept(toJavaRow(values));
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
