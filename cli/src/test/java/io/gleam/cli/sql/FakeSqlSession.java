package io.gleam.cli.sql;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.sql.engine.SqlSession;
import io.gleam.sql.engine.StatementResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-memory engine session answering statements from a table of fixed results; anything else is an error. */
final class FakeSqlSession implements SqlSession {
  private final Map<String, StatementResult> answers = new ConcurrentHashMap<>();
  private final List<String> executed = new CopyOnWriteArrayList<>();

  FakeSqlSession answer(String sql, StatementResult result) {
    answers.put(sql, result);
    return this;
  }

  List<String> executed() {
    return List.copyOf(executed);
  }

  @Override
  public StatementResult execute(String sql) {
    executed.add(sql);
    StatementResult r = answers.get(sql);
    if (r == null) {
      throw new GleamException(ErrorCode.INVALID_FLOW, "Object 'nope' not found");
    }
    return r;
  }

  @Override
  public void cancel() {}

  @Override
  public void close() {}
}
