package io.gleam.exec;

import io.gleam.connectors.Sinks;
import io.gleam.connectors.memory.ProcessAllocator;
import io.gleam.exec.exchange.ExchangeBuffer;
import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.planner.Row;
import io.gleam.planner.plan.PhysicalPlan;
import io.gleam.planner.plan.PlanNode;
import io.gleam.planner.plan.Stage;
import io.gleam.planner.spi.FlowRunner;
import io.gleam.planner.spi.RunOptions;
import io.gleam.planner.spi.RunResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a physical plan in this JVM: one pooled thread per task, at most {@code parallelism} of them computing at once
 * (see {@link ComputeSlots}), stages connected by bounded in-memory exchanges. Every task of every stage starts at
 * once and streams; back pressure comes from the bounded queues. The first failure cancels the run and is
 * rethrown; every batch is freed and the run's allocator closed either way.
 */
public final class LocalRunner implements FlowRunner {
  private static final Logger LOG = LoggerFactory.getLogger(LocalRunner.class);
  // The process's one root, which in-memory tables share, so their batches reach runs without copying.
  private static final BufferAllocator ROOT = ProcessAllocator.root();

  private static final String IDLE_NAME = "gleam-task-idle";
  /**
   * Task threads, reused across runs: every task of every stage needs its own thread at once (tasks stream into
   * each other and block on exchanges), so the pool grows as needed; idle threads end after a minute. Starting a
   * thread costs about half a millisecond here, which a query of twenty tasks would otherwise pay every time.
   */
  private static final ExecutorService TASK_THREADS = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60,
      TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
        Thread t = new Thread(r, IDLE_NAME);
        t.setDaemon(true);
        return t;
      });

  private final BufferAllocator parent;

  /** The runner found by {@code ServiceLoader}: allocates from the process's root allocator. */
  public LocalRunner() {
    this(ROOT);
  }

  /** A runner that allocates from {@code parent}, e.g. a test's allocator that checks for leaks. */
  public LocalRunner(BufferAllocator parent) {
    this.parent = parent;
  }

  @Override
  public String name() {
    return "local";
  }

  @Override
  public RunResult run(PhysicalPlan plan, RunOptions options) {
    BufferAllocator allocator = parent.newChildAllocator("run-" + plan.flowName(), 0, Long.MAX_VALUE);
    RunContext context = new RunContext(plan, options, allocator);
    Throwable failure = null;
    try {
      for (Stage s : plan.stages()) {
        if (TaskRunner.hasExchange(s)) {
          context.addExchange(s.id(), new ExchangeBuffer(s.id(), s.output(), s.partitions(), TaskRunner.queueCapacity(s),
              context.memoryPool(), options.spillDirectory(), allocator));
        }
      }
      for (Stage s : plan.stages()) {
        if (s.root() instanceof PlanNode.Sink sink) {
          Sinks.prepare(sink.sink());
        }
      }
      List<TaskRunner> tasks = new ArrayList<>();
      for (Stage s : plan.stages()) {
        for (int p = 0; p < s.partitions(); p++) {
          tasks.add(new TaskRunner(context, s, p));
        }
      }
      CountDownLatch done = new CountDownLatch(tasks.size());
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      for (TaskRunner task : tasks) {
        TASK_THREADS.execute(() -> runOnPooledThread(task, "gleam-" + plan.flowName() + "-" + task.name(), loader,
            done));
      }
      awaitUninterruptibly(done, context);
      failure = context.failure();
      for (ExchangeBuffer e : context.exchanges()) {
        context.count("exchange.spilledBatches", e.spilledBatches());
      }
    } catch (RuntimeException e) {
      failure = e;
    } finally {
      for (ExchangeBuffer e : context.exchanges()) {
        e.cancel();
      }
      try {
        allocator.close();
      } catch (IllegalStateException leak) {
        if (failure == null) {
          failure = new GleamException(ErrorCode.INTERNAL, "flow " + plan.flowName() + " leaked Arrow memory: "
              + leak.getMessage(), leak);
        } else {
          LOG.warn("flow {} leaked Arrow memory after failing: {}", plan.flowName(), leak.getMessage());
        }
      }
    }
    if (failure != null) {
      throw failure instanceof GleamException g ? g
          : new GleamException(ErrorCode.INTERNAL, "flow " + plan.flowName() + " failed: " + failure, failure);
    }
    Map<String, List<Row>> collected = new HashMap<>();
    context.collected().forEach((id, parts) -> {
      List<Row> rows = new ArrayList<>();
      new TreeMap<>(parts).values().forEach(rows::addAll);
      collected.put(id, rows);
    });
    Map<String, Long> counters = new HashMap<>(context.counters());
    counters.put("memory.peakReservedBytes", context.memoryPool().peak());
    return new RunResult(collected, counters);
  }

  /**
   * Runs one task on a pooled thread under the task's name and the caller's context class loader, then leaves the
   * thread as it found it (name, loader, no interrupt flag) for the next task.
   */
  private static void runOnPooledThread(Runnable task, String name, ClassLoader loader, CountDownLatch done) {
    Thread thread = Thread.currentThread();
    thread.setName(name);
    thread.setContextClassLoader(loader);
    try {
      task.run();
    } finally {
      Thread.interrupted();
      thread.setName(IDLE_NAME);
      thread.setContextClassLoader(LocalRunner.class.getClassLoader());
      done.countDown();
    }
  }

  private static void awaitUninterruptibly(CountDownLatch done, RunContext context) {
    while (true) {
      try {
        done.await();
        return;
      } catch (InterruptedException e) {
        context.fail(new GleamException(ErrorCode.CANCELLED, "the run was interrupted"));
      }
    }
  }
}
