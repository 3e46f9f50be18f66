package io.gleam.sql.engine;

import static org.junit.jupiter.api.Assertions.fail;

import io.gleam.planner.Row;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Runs one query in a Gleam session and in DuckDB and fails on the first difference between their rows. */
final class SqlOracleCases {
  private SqlOracleCases() {}

  /** Compares in order when the query ends in an ORDER BY outside any OVER (...), else as multisets. */
  static void check(LocalSqlSession session, DuckDbOracle duckDb, String sql) {
    List<Row> actual = session.execute(sql).rows();
    List<List<Object>> expected = duckDb.query(sql);
    String lower = sql.toLowerCase(Locale.ROOT);
    int lastOrder = lower.lastIndexOf("order by");
    boolean ordered = lastOrder >= 0 && lower.lastIndexOf(')') < lastOrder && !lower.substring(0, lastOrder)
        .trim().endsWith("(");
    Optional<String> diff = ResultComparison.difference(actual, expected, ordered);
    diff.ifPresent(d -> fail(sql + ": " + d));
  }
}
