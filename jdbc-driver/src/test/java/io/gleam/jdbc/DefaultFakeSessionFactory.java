package io.gleam.jdbc;

import io.gleam.sql.engine.StatementResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** The session factory tests register with ServiceLoader: fake sessions that answer {@code VALUES 1}. */
public final class DefaultFakeSessionFactory implements SessionFactory {
  static final List<Optional<Path>> OPENED = new CopyOnWriteArrayList<>();

  @Override
  public FakeSqlSession open(Optional<Path> catalogDir) {
    OPENED.add(catalogDir);
    return new FakeSqlSession().answer("VALUES 1",
        StatementResult.rows(Schemas.of(Schemas.column("EXPR$0", Schemas.INT)), List.of(io.gleam.planner.Row.of(1))));
  }
}
