package io.gleam.benchmarks;

import io.gleam.exec.udf.RowTransform;
import io.gleam.exec.udf.UserCode;
import io.gleam.planner.Row;
import io.gleam.planner.fn.FunctionRegistry;
import io.gleam.planner.fn.RowMapper;
import io.gleam.planner.fn.UserFunction;
import io.gleam.udf.lua.CompiledLuaFunction;
import io.gleam.udf.lua.LuaEngine;
import io.gleam.udf.lua.LuaFunctions;
import io.gleam.udf.lua.LuaSandbox;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.concurrent.TimeUnit;
import java.util.function.LongUnaryOperator;
import java.util.function.UnaryOperator;
import org.luaj.vm2.LuaInteger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Per-row cost of a Lua map ({@code function(x) return x + 1 end}) against a Java lambda ({@code x -> x + 1}) over
 * a batch of {@value #ROWS} rows, in ns per row. The Lua function is called through {@link CompiledLuaFunction}
 * three ways: {@code callLua(LuaValue)} with a {@code long} wrapped as a Lua integer and the result read back as a
 * {@code long} (the path from and to an Arrow BIGINT vector), {@code invokeLua(Varargs)} likewise, and
 * {@code call(Object[])} on boxed rows (the path the local runner's row operators take). Each Lua variant runs
 * compiled by luajc and in the interpreter, with the call into Lua monomorphic (inlinable) or megamorphic (see
 * {@link CallSite}). Java baselines: a {@code LongUnaryOperator} over a {@code long[]}, and a function over boxed
 * {@code Object[]} rows.
 *
 * <p>The step variants measure what a flow pays: {@code javaMapStep} and {@code luaMapStep} run the map steps the
 * local runner builds ({@link UserCode#map}, the {@link RowTransform} its row-steps operator calls for every row) over
 * boxed rows, a Java {@code RowMapper} {@code r -> Row.of(r.getLong(0) + 1)} against the Lua function above. Both
 * are called through one {@code RowTransform} call site that has seen several steps of each kind first, as in a
 * runner that runs several flows' steps, so neither is inlined into the loop; the difference is the cost of Lua
 * itself (converting the row to Lua values and back, the call into luajc's code, Lua's arithmetic).
 *
 * <p>Run {@link #main} (or {@code benchmarks/run-jmh.sh}) to get the JMH table followed by the Lua-minus-Java
 * differences.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(LuaMapOverheadBenchmark.ROWS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class LuaMapOverheadBenchmark {
  static final int ROWS = 4096;
  static final String LUA_SOURCE = "function(x) return x + 1 end";

  private long[] values;
  private long[] results;
  private Object[][] rows;
  private Object[][] resultRows;
  private LongUnaryOperator javaMap;
  private UnaryOperator<Object[]> javaRowMap;

  /** How many Lua function classes the JIT has seen at the call sites inside {@link CompiledLuaFunction}. */
  public enum CallSite {
    /** Only the benchmarked function: the JIT can inline it, as in a process that runs one Lua function. */
    MONOMORPHIC,
    /**
     * Four other Lua functions were called through the same methods first, as in a process that runs several
     * Lua steps: the call into Lua is a virtual call that cannot be inlined.
     */
    MEGAMORPHIC
  }

  /** The compiled Lua function, per engine and call-site profile. */
  @State(Scope.Thread)
  public static class Lua {
    private static final String[] OTHER_SOURCES = {
        "function(x) return x * 2 end", "function(x) return x - 1 end", "function(x) return -x end",
        "function(x) return x end"};
    private static final int PROFILE_CALLS = 50_000;

    @Param({"LUAJC", "INTERPRETER"})
    public LuaEngine engine;

    @Param({"MONOMORPHIC", "MEGAMORPHIC"})
    public CallSite callSite;

    CompiledLuaFunction function;

    @Setup
    public void compile() {
      function = LuaFunctions.compile("map#1", LUA_SOURCE, LuaSandbox.DEFAULT, engine);
      if (function.engine() != engine) {
        throw new IllegalStateException("asked for " + engine + ", got " + function.engine());
      }
      if (callSite == CallSite.MEGAMORPHIC) {
        long sum = 0;
        for (int i = 0; i < OTHER_SOURCES.length; i++) {
          CompiledLuaFunction other =
              LuaFunctions.compile("map#" + (i + 2), OTHER_SOURCES[i], LuaSandbox.DEFAULT, engine);
          for (int n = 0; n < PROFILE_CALLS; n++) {
            sum += other.callLua(LuaInteger.valueOf(n)).tolong();
            sum += other.invokeLua(LuaInteger.valueOf(n)).arg1().tolong();
            sum += ((Number) other.call(new Object[] {(long) n})[0]).longValue();
          }
        }
        if (sum == 42) {
          throw new IllegalStateException("unlikely sum, printed so that the calls above are not dead code");
        }
      }
    }
  }

  /** Map steps as the local runner builds them, behind one call site that has seen several steps. */
  @State(Scope.Thread)
  public static class Steps {
    RowTransform javaStep;
    RowTransform luaStep;
    final Slot sink = new Slot();

    @Setup
    public void build() {
      UserCode code = new UserCode(List.of());
      javaStep = code.map("map#1", javaMapper("bench.plusOne", 1));
      luaStep = code.map("map#2", new UserFunction.Lua(LUA_SOURCE));
      long sum = 0;
      for (int i = 0; i < Lua.OTHER_SOURCES.length; i++) {
        RowTransform otherJava = code.map("map#j" + i, javaMapper("bench.other" + i, i + 2));
        RowTransform otherLua = code.map("map#l" + i, new UserFunction.Lua(Lua.OTHER_SOURCES[i]));
        for (int n = 0; n < Lua.PROFILE_CALLS; n++) {
          Object[] row = {(long) n};
          otherJava.apply(row, sink);
          sum += (Long) sink.row[0];
          otherLua.apply(row, sink);
          sum += (Long) sink.row[0];
        }
      }
      if (sum == 42) {
        throw new IllegalStateException("unlikely sum, printed so that the calls above are not dead code");
      }
    }

    private static UserFunction javaMapper(String name, long add) {
      RowMapper m = r -> Row.of(r.getLong(0) + add);
      return FunctionRegistry.register(name, m);
    }
  }

  /** Where a step puts the row it made. */
  static final class Slot implements Consumer<Object[]> {
    Object[] row;

    @Override
    public void accept(Object[] r) {
      row = r;
    }
  }

  @Setup
  public void makeRows() {
    values = new long[ROWS];
    results = new long[ROWS];
    rows = new Object[ROWS][];
    resultRows = new Object[ROWS][];
    SplitMix64 random = new SplitMix64(7);
    for (int i = 0; i < ROWS; i++) {
      // Outside LuaJ's small-integer cache, as most real values are.
      values[i] = 1_000 + random.nextInt(1_000_000_000);
      rows[i] = new Object[] {values[i]};
    }
    javaMap = x -> x + 1;
    javaRowMap = row -> new Object[] {(Long) row[0] + 1};
  }

  @Benchmark
  public long[] javaLambdaLong() {
    long[] in = values;
    long[] out = results;
    LongUnaryOperator f = javaMap;
    for (int i = 0; i < ROWS; i++) {
      out[i] = f.applyAsLong(in[i]);
    }
    return out;
  }

  @Benchmark
  public Object[][] javaLambdaRow() {
    Object[][] in = rows;
    Object[][] out = resultRows;
    UnaryOperator<Object[]> f = javaRowMap;
    for (int i = 0; i < ROWS; i++) {
      out[i] = f.apply(in[i]);
    }
    return out;
  }

  @Benchmark
  public Object[][] javaMapStep(Steps steps) {
    return runStep(steps.javaStep, steps.sink);
  }

  @Benchmark
  public Object[][] luaMapStep(Steps steps) {
    return runStep(steps.luaStep, steps.sink);
  }

  private Object[][] runStep(RowTransform step, Slot sink) {
    Object[][] in = rows;
    Object[][] out = resultRows;
    for (int i = 0; i < ROWS; i++) {
      step.apply(in[i], sink);
      out[i] = sink.row;
    }
    return out;
  }

  @Benchmark
  public long[] luaCallLua(Lua lua) {
    long[] in = values;
    long[] out = results;
    CompiledLuaFunction f = lua.function;
    for (int i = 0; i < ROWS; i++) {
      out[i] = f.callLua(LuaInteger.valueOf(in[i])).tolong();
    }
    return out;
  }

  @Benchmark
  public long[] luaInvokeLua(Lua lua) {
    long[] in = values;
    long[] out = results;
    CompiledLuaFunction f = lua.function;
    for (int i = 0; i < ROWS; i++) {
      out[i] = f.invokeLua(LuaInteger.valueOf(in[i])).arg1().tolong();
    }
    return out;
  }

  @Benchmark
  public Object[][] luaCallRow(Lua lua) {
    Object[][] in = rows;
    Object[][] out = resultRows;
    CompiledLuaFunction f = lua.function;
    for (int i = 0; i < ROWS; i++) {
      out[i] = f.call(in[i]);
    }
    return out;
  }

  /**
   * Runs this benchmark with JMH's command-line options (e.g. {@code -wi 3 -i 5 -f 1}), then prints each Lua
   * variant's ns/row minus its Java baseline's.
   */
  public static void main(String[] args) throws Exception {
    CommandLineOptions cli = new CommandLineOptions(args);
    OptionsBuilder options = new OptionsBuilder();
    if (cli.getIncludes().isEmpty()) {
      options.include(LuaMapOverheadBenchmark.class.getName() + "\\.");
    }
    Collection<RunResult> results = new Runner(options.parent(cli).build()).run();
    Map<String, double[]> scores = new HashMap<>();
    for (RunResult r : results) {
      String method = r.getParams().getBenchmark();
      method = method.substring(method.lastIndexOf('.') + 1);
      String engine = r.getParams().getParam("engine");
      String key = engine == null ? method : method + "/" + engine + "/" + r.getParams().getParam("callSite");
      scores.put(key, new double[] {r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError()});
    }
    System.out.println();
    System.out.println("| Lua variant | engine | call site | Lua ns/row | Java baseline | Java ns/row "
        + "| Lua overhead ns/row |");
    System.out.println("| --- | --- | --- | ---: | --- | ---: | ---: |");
    String[][] pairs = {{"luaCallLua", "javaLambdaLong"}, {"luaInvokeLua", "javaLambdaLong"},
        {"luaCallRow", "javaLambdaRow"}};
    double[] javaStep = scores.get("javaMapStep");
    double[] luaStep = scores.get("luaMapStep");
    if (javaStep != null && luaStep != null) {
      System.out.printf(Locale.ROOT, "| luaMapStep | LUAJC | runner's step call site | %.2f +/- %.2f | javaMapStep | "
          + "%.2f +/- %.2f | %.2f |%n", luaStep[0], luaStep[1], javaStep[0], javaStep[1], luaStep[0] - javaStep[0]);
    }
    for (LuaEngine engine : LuaEngine.values()) {
      for (CallSite callSite : CallSite.values()) {
        for (String[] pair : pairs) {
          double[] lua = scores.get(pair[0] + "/" + engine + "/" + callSite);
          double[] java = scores.get(pair[1]);
          if (lua == null || java == null) {
            continue;
          }
          System.out.printf(Locale.ROOT, "| %s | %s | %s | %.2f +/- %.2f | %s | %.2f +/- %.2f | %.2f |%n", pair[0],
              engine, callSite, lua[0], lua[1], pair[1], java[0], java[1], lua[0] - java[0]);
        }
      }
    }
  }
}
