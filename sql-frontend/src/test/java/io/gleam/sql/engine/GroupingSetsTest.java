package io.gleam.sql.engine;

import io.gleam.sql.catalog.Catalog;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GROUPING SETS, ROLLUP and CUBE (with GROUPING and GROUPING_ID) end to end through {@link LocalSqlSession} over
 * {@code tpch.tiny} and a VALUES table with NULL keys, compared with DuckDB's answers to the same text.
 */
class GroupingSetsTest {
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
      "select n_regionkey, count(*), sum(n_nationkey), min(n_name) from nation group by rollup(n_regionkey)",
      "select l_returnflag, l_linestatus, count(*), sum(l_quantity), avg(l_discount), grouping(l_returnflag), "
          + "grouping(l_returnflag, l_linestatus) from lineitem group by cube(l_returnflag, l_linestatus)",
      "select o_orderpriority, o_orderstatus, count(distinct o_custkey), max(o_totalprice) from orders "
          + "group by grouping sets ((o_orderpriority), (o_orderstatus), ())",
      "select o_orderpriority, o_orderstatus, count(*) from orders group by rollup(o_orderpriority, o_orderstatus) "
          + "having count(*) > 500",
      "select n_regionkey, count(*) as c from nation group by rollup(n_regionkey) order by n_regionkey nulls first",
      "select n_regionkey, n_nationkey < 10 as low, count(*) filter (where n_name like '%A%') from nation "
          + "group by grouping sets ((n_regionkey, n_nationkey < 10), (n_regionkey), ())",
      // NULL keys: a group whose key is NULL and a rolled-up row, told apart by GROUPING
      "with t(g, h, v) as (values (1, 1, 10), (1, null, 5), (null, 2, 3), (null, null, 4), (2, 2, null)) "
          + "select g, h, sum(v), count(v), count(*), grouping(g), grouping(g, h) from t group by cube(g, h)",
      // empty input: the grand total is one row
      "select n_regionkey, count(*), sum(n_nationkey) from nation where n_nationkey < 0 group by rollup(n_regionkey)",
  })
  void matchesDuckDb(String sql) {
    SqlOracleCases.check(session, duckDb, sql);
  }
}
