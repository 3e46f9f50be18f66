package io.gleam.exec;

import io.gleam.exec.exchange.ExchangeBuffer;
import io.gleam.exec.memory.MemoryPool;
import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.planner.Row;
import io.gleam.planner.plan.PhysicalPlan;
import io.gleam.planner.spi.RunOptions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.LoggerFactory;

/**
 * What all tasks of one run share: the plan, the run's allocator and memory pool, the exchanges between stages,
 * the compute slots, counters, collected rows, and the first failure (which cancels the run).
 */
public final class RunContext {
  private final PhysicalPlan plan;
  private final RunOptions options;
  private final BufferAllocator allocator;
  private final MemoryPool memoryPool;
  private final ComputeSlots slots;
  private final Map<Integer, ExchangeBuffer> exchanges = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();
  private final Map<String, Map<Integer, List<Row>>> collected = new ConcurrentHashMap<>();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final Set<AutoCloseable> cancelHooks = ConcurrentHashMap.newKeySet();

  public RunContext(PhysicalPlan plan, RunOptions options, BufferAllocator allocator) {
    this.plan = plan;
    this.options = options;
    this.allocator = allocator;
    this.memoryPool = new MemoryPool(options.memoryBudgetBytes());
    this.slots = new ComputeSlots(options.parallelism());
  }

  public PhysicalPlan plan() {
    return plan;
  }

  public RunOptions options() {
    return options;
  }

  public BufferAllocator allocator() {
    return allocator;
  }

  public MemoryPool memoryPool() {
    return memoryPool;
  }

  public ComputeSlots slots() {
    return slots;
  }

  public void addExchange(int stage, ExchangeBuffer exchange) {
    exchanges.put(stage, exchange);
  }

  public ExchangeBuffer exchange(int stage) {
    ExchangeBuffer e = exchanges.get(stage);
    if (e == null) {
      throw new GleamException(ErrorCode.INTERNAL, "no exchange for stage " + stage);
    }
    return e;
  }

  public Iterable<ExchangeBuffer> exchanges() {
    return exchanges.values();
  }

  public void count(String counter, long delta) {
    if (delta != 0) {
      counters.computeIfAbsent(counter, k -> new AtomicLong()).addAndGet(delta);
    }
  }

  public Map<String, Long> counters() {
    Map<String, Long> out = new ConcurrentHashMap<>();
    counters.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  public void collect(String id, int partition, List<Row> rows) {
    collected.computeIfAbsent(id, k -> new ConcurrentHashMap<>()).put(partition, rows);
  }

  public Map<String, Map<Integer, List<Row>>> collected() {
    return collected;
  }

  /**
   * Records the first failure and cancels the run: exchanges wake their waiters, cancel hooks run (killing pipe
   * processes a task may be blocked on), tasks stop at their next batch.
   */
  public void fail(Throwable t) {
    if (failure.compareAndSet(null, t)) {
      for (ExchangeBuffer e : exchanges.values()) {
        e.cancel();
      }
      cancelHooks.forEach(RunContext::runHook);
    }
  }

  /**
   * Registers something to close if the run fails, such as a child process whose output a task waits for; runs it
   * at once if the run has failed already. Unregister it with {@link #removeCancelHook} when it is closed.
   */
  public void addCancelHook(AutoCloseable hook) {
    cancelHooks.add(hook);
    if (failure.get() != null && cancelHooks.remove(hook)) {
      runHook(hook);
    }
  }

  public void removeCancelHook(AutoCloseable hook) {
    cancelHooks.remove(hook);
  }

  private static void runHook(AutoCloseable hook) {
    try {
      hook.close();
    } catch (Exception e) {
      LoggerFactory.getLogger(RunContext.class).warn("cancelling {} failed: {}", hook, e.toString());
    }
  }

  public Throwable failure() {
    return failure.get();
  }

  /** Throws when the run has failed elsewhere; tasks call it between batches. */
  public void checkCancelled() {
    if (failure.get() != null) {
      throw new GleamException(ErrorCode.CANCELLED, "run of flow " + plan.flowName() + " was cancelled");
    }
  }
}
