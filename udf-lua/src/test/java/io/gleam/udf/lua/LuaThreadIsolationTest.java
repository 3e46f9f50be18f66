package io.gleam.udf.lua;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LuaThreadIsolationTest {
  private static final String COUNTER = "local calls = 0\n"
      + "return function(x)\n"
      + "  calls = calls + 1\n"
      + "  total = (total or 0) + x\n"
      + "  local words = 0\n"
      + "  for w in ('w' .. x .. ' v' .. x):gmatch('%w+') do words = words + 1 end\n"
      + "  return calls, total, words\n"
      + "end";
  private static final int CALLS = 200_000;

  private final ExecutorService pool = Executors.newFixedThreadPool(4);

  @AfterEach
  void tearDown() throws InterruptedException {
    pool.shutdownNow();
    pool.awaitTermination(10, TimeUnit.SECONDS);
  }

  @Test
  void sameSourceCompiledAndCalledOnManyThreadsKeepsSeparateState() throws Exception {
    CompiledLuaFunction compiledOnce = LuaFunctions.compile("map#1", COUNTER, LuaSandbox.DEFAULT);
    List<Supplier<CompiledLuaFunction>> instances = List.of(
        () -> LuaFunctions.compile("map#1", COUNTER, LuaSandbox.DEFAULT),
        () -> LuaFunctions.compile("map#1", COUNTER, LuaSandbox.DEFAULT),
        () -> compiledOnce,
        compiledOnce::newInstance);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Object[]>> results = new ArrayList<>();
    for (int t = 0; t < instances.size(); t++) {
      Supplier<CompiledLuaFunction> instance = instances.get(t);
      long x = t + 1;
      Callable<Object[]> task = () -> {
        start.await();
        CompiledLuaFunction f = instance.get();
        assertEquals(LuaEngine.LUAJC, f.engine());
        Object[] last = null;
        for (int i = 0; i < CALLS; i++) {
          last = f.call(new Object[] {x});
        }
        return last;
      };
      results.add(pool.submit(task));
    }
    start.countDown();
    for (int t = 0; t < results.size(); t++) {
      long x = t + 1;
      assertArrayEquals(new Object[] {(long) CALLS, CALLS * x, 2L}, results.get(t).get(60, TimeUnit.SECONDS),
          "instance " + t);
    }
  }

  @Test
  void luajcClassesAreSharedByInstancesNotRecompiled() {
    CompiledLuaFunction first = LuaFunctions.compile("map#2", "function(x) return x end", LuaSandbox.DEFAULT);
    CompiledLuaFunction second = first.newInstance();
    assertEquals(LuaEngine.LUAJC, second.engine());
    assertEquals(first.source(), second.source());
  }
}
