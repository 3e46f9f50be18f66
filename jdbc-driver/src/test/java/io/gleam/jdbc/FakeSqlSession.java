package io.gleam.jdbc;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.sql.engine.SqlSession;
import io.gleam.sql.engine.StatementResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * An in-memory engine session: answers statements from a table of fixed results, fails on any other statement
 * with a user error, and can block a statement until {@link #cancel()} is called.
 */
final class FakeSqlSession implements SqlSession {
  private final Map<String, Supplier<StatementResult>> answers = new ConcurrentHashMap<>();
  private final List<String> executed = new CopyOnWriteArrayList<>();
  private final CountDownLatch cancelled = new CountDownLatch(1);
  private final CountDownLatch started = new CountDownLatch(1);
  private volatile boolean closed;

  FakeSqlSession answer(String sql, StatementResult result) {
    answers.put(sql, () -> result);
    return this;
  }

  /** Makes {@code sql} run until the session is cancelled, then fail as cancelled. */
  FakeSqlSession blockUntilCancelled(String sql) {
    answers.put(sql, () -> {
      started.countDown();
      try {
        if (!cancelled.await(30, TimeUnit.SECONDS)) {
          throw new GleamException(ErrorCode.INTERNAL, "fake statement was never cancelled");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new GleamException(ErrorCode.CANCELLED, "query cancelled");
    });
    return this;
  }

  boolean awaitStarted() throws InterruptedException {
    return started.await(30, TimeUnit.SECONDS);
  }

  List<String> executed() {
    return List.copyOf(executed);
  }

  boolean isClosed() {
    return closed;
  }

  @Override
  public StatementResult execute(String sql) {
    if (closed) {
      throw new GleamException(ErrorCode.INTERNAL, "session is closed");
    }
    executed.add(sql);
    Supplier<StatementResult> answer = answers.get(sql.trim());
    if (answer == null) {
      throw new GleamException(ErrorCode.INVALID_FLOW, "From line 1, column 15 to line 1, column 21: "
          + "Object 'missing' not found");
    }
    return answer.get();
  }

  @Override
  public void cancel() {
    cancelled.countDown();
  }

  @Override
  public void close() {
    closed = true;
  }
}
