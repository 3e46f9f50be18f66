package io.gleam.jdbc;

import io.gleam.sql.engine.SqlSession;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Opens engine sessions for the driver: one session per JDBC connection. Implementations are found with
 * {@link java.util.ServiceLoader}; without one, the driver uses the engine's {@code LocalSqlSession}.
 */
public interface SessionFactory {
  /**
   * Opens a session.
   *
   * @param catalogDir where the catalog is persisted; empty for a catalog that lives only in memory
   */
  SqlSession open(Optional<Path> catalogDir);
}
