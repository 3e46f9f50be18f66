package io.gleam.benchmarks;

import java.util.List;

/** One engine, set up over the TPC-H tables, that answers a query with its rows. */
interface SqlContender extends AutoCloseable {
  /** A short id, such as {@code gleam-csv}. */
  String id();

  /**
   * The rows of query {@code name} (its text {@code sql}, as the SQL tests hold it), read to the end. A query that
   * runs longer than {@code limitSeconds} is cancelled and fails with {@link QueryTimeoutException}.
   */
  List<List<Object>> query(String name, String sql, double limitSeconds) throws Exception;

  /** Thrown when a query ran past its time limit. */
  final class QueryTimeoutException extends Exception {
    private static final long serialVersionUID = 1L;

    QueryTimeoutException(String message) {
      super(message);
    }
  }
}
