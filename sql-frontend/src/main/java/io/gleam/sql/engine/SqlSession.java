package io.gleam.sql.engine;

/**
 * An engine session: runs SQL statements against a catalog, one at a time, on the local runner. The embedded JDBC
 * driver and the console sit on top of it. After any error the session keeps working.
 */
public interface SqlSession extends AutoCloseable {
  /** Runs one statement (a query, DDL, INSERT, SHOW, DESCRIBE, EXPLAIN). */
  StatementResult execute(String sql);

  /** Cancels the statement running in another thread, if any. */
  void cancel();

  @Override
  void close();
}
