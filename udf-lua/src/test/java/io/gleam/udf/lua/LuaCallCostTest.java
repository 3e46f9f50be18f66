package io.gleam.udf.lua;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.luaj.vm2.LuaValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures the cost of one call of {@code function(x) return x + 1 end}: luajc, the interpreter, the Java-value path,
 * and a Java lambda. A rough single-shot measurement, not a benchmark; run with {@code -Dgleam.lua.cost=true}.
 */
@EnabledIfSystemProperty(named = "gleam.lua.cost", matches = "true")
class LuaCallCostTest {
  private static final Logger LOG = LoggerFactory.getLogger(LuaCallCostTest.class);
  private static final int CALLS = 10_000_000;
  private static final String PLUS_ONE = "function(x) return x + 1 end";

  @Test
  void nanosPerCall() {
    CompiledLuaFunction luajc = LuaFunctions.compile("cost", PLUS_ONE, LuaSandbox.DEFAULT, LuaEngine.LUAJC);
    CompiledLuaFunction interpreted = LuaFunctions.compile("cost", PLUS_ONE, LuaSandbox.DEFAULT,
        LuaEngine.INTERPRETER);
    LongUnaryOperator lambda = x -> x + 1;
    for (int round = 0; round < 3; round++) {
      String label = round < 2 ? "warm-up " + round : "measured";
      report(label, "luajc callLua(LuaValue)", luaCalls(luajc));
      report(label, "interpreter callLua(LuaValue)", luaCalls(interpreted));
      report(label, "luajc call(Object[])", javaValueCalls(luajc));
      report(label, "Java lambda", lambdaCalls(lambda));
    }
  }

  private static void report(String round, String what, long nanos) {
    LOG.info("{}: {}: {} ns/call over {} calls", round, what, String.format("%.2f", nanos / (double) CALLS), CALLS);
  }

  private static long luaCalls(CompiledLuaFunction f) {
    long start = System.nanoTime();
    LuaValue x = LuaValue.ZERO;
    for (int i = 0; i < CALLS; i++) {
      x = f.callLua(x);
      if (x.toint() >= 1_000_000) {
        x = LuaValue.ZERO;
      }
    }
    long nanos = System.nanoTime() - start;
    assertEquals(CALLS % 1_000_000, x.toint());
    return nanos;
  }

  private static long javaValueCalls(CompiledLuaFunction f) {
    long start = System.nanoTime();
    Object[] args = {0L};
    for (int i = 0; i < CALLS; i++) {
      Object[] result = f.call(args);
      args[0] = (Long) result[0] >= 1_000_000 ? 0L : result[0];
    }
    long nanos = System.nanoTime() - start;
    assertEquals((long) (CALLS % 1_000_000), args[0]);
    return nanos;
  }

  private static long lambdaCalls(LongUnaryOperator f) {
    long start = System.nanoTime();
    long x = 0;
    for (int i = 0; i < CALLS; i++) {
      x = f.applyAsLong(x);
      if (x >= 1_000_000) {
        x = 0;
      }
    }
    long nanos = System.nanoTime() - start;
    assertEquals(CALLS % 1_000_000, x);
    return nanos;
  }
}
