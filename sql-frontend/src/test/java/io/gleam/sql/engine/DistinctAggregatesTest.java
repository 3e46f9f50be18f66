package io.gleam.sql.engine;

import io.gleam.sql.catalog.Catalog;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DISTINCT aggregates mixed with other aggregates, or over several columns, end to end through
 * {@link LocalSqlSession} over {@code tpch.tiny} and a VALUES table with NULLs, compared with DuckDB's answers.
 */
class DistinctAggregatesTest {
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
      "select n_regionkey, count(distinct n_name), sum(n_nationkey) from nation group by n_regionkey",
      "select o_orderpriority, count(distinct o_custkey), count(distinct o_orderstatus), count(*), "
          + "sum(o_totalprice) from orders group by o_orderpriority",
      "select count(distinct o_custkey), sum(o_totalprice), avg(o_totalprice), min(o_orderdate) from orders",
      "select l_returnflag, sum(distinct l_quantity), count(distinct l_suppkey), max(l_tax), count(l_comment) "
          + "from lineitem group by l_returnflag",
      "with t(g, o, v) as (values (1, 1, 10), (1, 1, 10), (1, null, 5), (2, 3, null), (2, 4, 4), (null, 1, 4), "
          + "(null, 1, null)) select g, count(distinct o), count(o), sum(distinct v), sum(v), count(*) from t "
          + "group by g",
      "select count(distinct n_name), count(*), sum(n_nationkey) from nation where n_nationkey < 0",
      "select c_mktsegment, count(distinct c_nationkey) filter (where c_acctbal > 0), avg(c_acctbal) "
          + "from customer group by c_mktsegment",
  })
  void matchesDuckDb(String sql) {
    SqlOracleCases.check(session, duckDb, sql);
  }
}
