package io.gleam.sql.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.planner.Row;
import io.gleam.sql.catalog.Catalog;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Window functions end to end through {@link LocalSqlSession} (three partitions per stage) over {@code tpch.tiny}
 * and over small VALUES tables with NULLs in the partition and order keys, ties, DECIMAL values and empty input;
 * each query's rows are compared with DuckDB's answer to the same text. Every window query here has one answer:
 * ROWS frames and ROW_NUMBER order by a unique key.
 */
class WindowFunctionsTest {
  /** g: partition key with NULLs; o: order key with NULLs and ties; (g, o, v) is unique. */
  static final String T = "with t(g, o, v, d) as (values (1, 1, 10, 1.50), (1, 2, null, 2.25), (1, 2, 7, 0.10), "
      + "(1, null, 3, 4.00), (2, 5, 1, 1.00), (null, 1, 4, 2.00), (null, null, 5, null), (2, 6, 2, 3.30), "
      + "(3, 1, null, null)) ";

  private static DuckDbOracle duckDb;
  private static LocalSqlSession session;

  @BeforeAll
  static void start() {
    duckDb = new DuckDbOracle();
    session = new LocalSqlSession(new Catalog(), List.of(Catalog.TPCH_SCHEMA, "tiny"), 3);
  }

  @AfterAll
  static void stop() {
    session.close();
    duckDb.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      // ranking, with ties (rank, dense_rank) and NULL keys
      T + "select g, o, v, row_number() over (partition by g order by o, v), rank() over (partition by g order by o), "
          + "dense_rank() over (partition by g order by o) from t",
      T + "select g, o, v, rank() over (order by o desc nulls first), dense_rank() over (order by g nulls first) "
          + "from t",
      T + "select g, o, v, ntile(2) over (order by g, o, v), ntile(4) over (partition by g order by o, v), "
          + "ntile(20) over (order by v, g, o) from t",
      // aggregates over the whole partition and the default RANGE frame (peers share the value)
      T + "select g, v, sum(v) over (partition by g), count(v) over (partition by g), count(*) over (partition by g), "
          + "min(v) over (partition by g), max(v) over (partition by g), "
          + "avg(cast(v as double)) over (partition by g) from t",
      T + "select g, o, v, sum(v) over (partition by g order by o), count(*) over (partition by g order by o), "
          + "max(d) over (partition by g order by o) from t",
      T + "select g, o, v, sum(d) over (partition by g), avg(d) over (partition by g), sum(d) over (order by o) from t",
      T + "select g, o, v, sum(v) over (partition by g order by o range between current row and unbounded following), "
          + "count(v) over (order by o range between current row and current row) from t",
      // ROWS frames
      T + "select g, o, v, sum(d) over (order by g nulls first, o, v rows between 1 preceding and 1 following) from t",
      T + "select g, o, v, sum(v) over (order by o, v, g rows between unbounded preceding and 1 preceding), "
          + "count(v) over (partition by g order by o, v rows between 1 following and 3 following), "
          + "min(v) over (order by o, v, g rows between 2 preceding and current row), "
          + "max(v) over (order by o, v, g rows between current row and unbounded following), "
          + "sum(v) over (order by o, v, g rows between 2 following and unbounded following) from t",
      T + "select g, o, v, count(*) over (order by o, v, g rows between 3 preceding and 2 preceding), "
          + "sum(v) over (partition by g order by o, v rows between unbounded preceding and unbounded following) "
          + "from t",
      // offsets and values
      T + "select g, o, v, lag(v) over (partition by g order by o, v), "
          + "lead(v, 2, -1) over (partition by g order by o, v), "
          + "lag(d, 1, 0) over (order by g, o, v), lead(o, 1, v) over (order by v, g, o) from t",
      T + "select g, o, v, first_value(v) over (partition by g order by o, v), "
          + "last_value(v) over (partition by g order by o), "
          + "last_value(v) over (partition by g order by o, v rows between current row and unbounded following), "
          + "first_value(d) over (order by o, v, g rows between 1 following and 2 following) from t",
      // several window specs in one query, and a window over a window's input expression
      T + "select g, o, v, row_number() over (partition by g order by o, v) as rn, "
          + "sum(v) over (order by o, v, g rows between 2 preceding and current row), count(*) over (), "
          + "sum(v * 2 + 1) over (partition by o) from t",
      // TPC-H tables: several partitions, more rows
      "select n_regionkey, n_name, row_number() over (partition by n_regionkey order by n_name), "
          + "lag(n_name, 1, 'none') over (order by n_nationkey), min(n_name) over (partition by n_regionkey) "
          + "from nation",
      "select o_custkey, o_orderkey, rank() over (partition by o_custkey order by o_totalprice desc), "
          + "sum(o_totalprice) over (partition by o_custkey order by o_orderdate, o_orderkey), "
          + "avg(o_totalprice) over (partition by o_orderpriority) from orders",
      "select l_orderkey, l_linenumber, sum(l_quantity) over (partition by l_orderkey order by l_linenumber), "
          + "avg(l_quantity) over (partition by l_orderkey order by l_linenumber rows between 1 preceding "
          + "and 1 following), dense_rank() over (order by l_shipmode) from lineitem where l_orderkey < 2000",
      "select * from (select n_regionkey, n_name, row_number() over (partition by n_regionkey order by n_name desc) "
          + "as rn from nation) where rn <= 2",
      "select o_orderpriority, count(*), sum(count(*)) over (), rank() over (order by count(*) desc) from orders "
          + "group by o_orderpriority",
      // empty input
      "select n_name, row_number() over (order by n_name), sum(n_nationkey) over () from nation where n_nationkey < 0",
  })
  void matchesDuckDb(String sql) {
    List<Row> actual = session.execute(sql).rows();
    List<List<Object>> expected = duckDb.query(sql);
    Optional<String> diff = ResultComparison.difference(actual, expected, false);
    diff.ifPresent(d -> fail(sql + ": " + d));
  }

  @Test
  void orderedOutputAfterAWindow() {
    String sql = "select n_name, n_regionkey, rank() over (partition by n_regionkey order by n_name) as r "
        + "from nation order by r, n_name";
    assertEquals(Optional.empty(), ResultComparison.difference(session.execute(sql).rows(), duckDb.query(sql), true));
  }

  @Test
  void handCheckedRanks() {
    List<Row> rows = session.execute(T + "select v, rank() over (partition by g order by o), "
        + "sum(v) over (partition by g order by o) from t where g = 1 order by o nulls last, v nulls first").rows();
    assertEquals("[[10, 1, 10], [null, 2, 17], [7, 2, 17], [3, 4, 20]]",
        rows.stream().map(r -> r.asList().toString()).toList().toString());
  }

  @Test
  void rangeFrameWithAnOffsetIsAClearUserError() {
    GleamException e = assertThrows(GleamException.class, () -> session.execute(
        "select sum(n_nationkey) over (order by n_regionkey range between 1 preceding and current row) from nation"));
    assertEquals(ErrorCode.Kind.USER_ERROR, e.code().kind());
    assertTrue(e.getMessage().contains("RANGE frames with an offset are not supported"), e.getMessage());
  }
}
