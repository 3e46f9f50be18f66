package io.gleam.sql.engine;

import io.gleam.sql.catalog.Catalog;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * INTERSECT ALL and EXCEPT ALL (duplicates kept: min(l, r) and max(l - r, 0) copies) end to end through
 * {@link LocalSqlSession} over {@code tpch.tiny} and VALUES with duplicates and NULLs, compared with DuckDB.
 */
class SetOperationsAllTest {
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
      "select n_regionkey from nation intersect all select n_regionkey from nation where n_nationkey < 12",
      "select n_regionkey from nation except all select r_regionkey from region",
      "select n_regionkey from nation where n_nationkey < 12 except all select n_regionkey from nation",
      "select * from (values (1), (1), (1), (null), (null), (null), (2)) as a(x) "
          + "intersect all select * from (values (1), (null), (null), (3), (1)) as b(y)",
      "select * from (values (1, 'a'), (1, 'a'), (1, null), (1, null), (2, 'b')) as a(x, s) "
          + "except all select * from (values (1, 'a'), (1, null), (3, 'c')) as b(y, t)",
      "select l_returnflag, l_linestatus from lineitem where l_orderkey < 100 "
          + "except all select l_returnflag, l_linestatus from lineitem where l_orderkey < 50",
      "select l_returnflag, l_linestatus from lineitem where l_orderkey < 100 "
          + "intersect all select l_returnflag, l_linestatus from lineitem where l_orderkey between 50 and 300 "
          + "intersect all select l_returnflag, l_linestatus from lineitem where l_orderkey > 80",
      "select n_regionkey from nation except all select n_regionkey from nation where n_nationkey < 5 "
          + "except all select n_regionkey from nation where n_nationkey between 5 and 9",
      "select n_regionkey from nation except all select r_regionkey from region where r_regionkey < 0",
      "select n_regionkey from nation intersect all select r_regionkey from region where r_regionkey < 0",
      "select n_regionkey, count(*) from (select n_regionkey from nation intersect all "
          + "select n_regionkey from nation where n_name like '%A%') group by n_regionkey",
  })
  void matchesDuckDb(String sql) {
    SqlOracleCases.check(session, duckDb, sql);
  }
}
