package io.gleam.sql.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.planner.Row;
import io.gleam.sql.catalog.Catalog;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Small SQL cases run end to end through {@link LocalSqlSession} over {@code tpch.tiny}: each query's rows are
 * compared with DuckDB's over the same data, or with the expected values; DDL, EXPLAIN and errors.
 */
class LocalSqlSessionTest {
  private static DuckDbOracle duckDb;
  private static LocalSqlSession session;

  @BeforeAll
  static void start() {
    duckDb = new DuckDbOracle();
    session = new LocalSqlSession(new Catalog(), List.of(Catalog.TPCH_SCHEMA, "tiny"), 2);
  }

  @AfterAll
  static void stop() {
    session.close();
    duckDb.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      // filters and projections
      "select n_name, n_nationkey * 2 + 1 as k from nation where n_regionkey = 1 or n_name like 'C%'",
      "select l_orderkey, l_extendedprice * (1 - l_discount) as net from lineitem "
          + "where l_shipdate between date '1995-01-01' and date '1995-01-31' and l_quantity in (1, 2, 3)",
      "select o_orderkey, case when o_totalprice > 200000 then 'high' when o_totalprice > 100000 then 'mid' "
          + "else 'low' end as band, substring(o_clerk, 7, 3) as clerk, extract(year from o_orderdate) as y, "
          + "cast(o_orderdate + interval '1' month as date) as next_month, "
          + "cast(o_orderdate - interval '10' day as date) as earlier "
          + "from orders where o_orderkey < 200",
      "select c_custkey, c_name from customer where c_acctbal is null or not (c_mktsegment <> 'BUILDING')",
      // aggregates
      "select count(*), sum(l_quantity), min(l_shipdate), max(l_comment), avg(l_discount) from lineitem",
      "select l_returnflag, count(*) as c, sum(l_tax) from lineitem group by l_returnflag having count(*) > 100",
      "select o_orderpriority, count(distinct o_custkey) from orders group by o_orderpriority",
      "select count(distinct o_orderstatus) from orders",
      "select l_returnflag, avg(cast(l_linenumber as double)), avg(l_quantity), avg(cast(l_tax as double)) "
          + "from lineitem "
          + "group by l_returnflag",
      // joins
      "select n_name, r_name from nation join region on n_regionkey = r_regionkey",
      "select c_custkey, count(o_orderkey) from customer left join orders "
          + "on c_custkey = o_custkey and o_totalprice > 300000 group by c_custkey",
      "select a.n_name, b.n_name from nation a join nation b on a.n_nationkey < b.n_nationkey "
          + "where a.n_regionkey = 0 and b.n_regionkey = 0",
      "select r_name, n_name from region full join nation on r_regionkey = n_regionkey and n_nationkey < 3",
      "select r_name, n_name from nation right join region on r_regionkey = n_regionkey and n_nationkey > 20",
      "select s_name from supplier where exists (select * from nation where n_nationkey = s_nationkey "
          + "and n_name = 'GERMANY')",
      "select c_custkey from customer where not exists (select * from orders where o_custkey = c_custkey)",
      "select n_name from nation where n_regionkey in (select r_regionkey from region where r_name like 'A%')",
      "select a.n_name, b.r_name from nation a join region b on a.n_regionkey is not distinct from b.r_regionkey",
      "select a.x, b.y from (values (1), (cast(null as integer))) as a(x) "
          + "join (values (1), (cast(null as integer))) as b(y) on a.x is not distinct from b.y",
      // set operations and values
      "select n_name from nation where n_regionkey = 0 union all select r_name from region",
      "select n_regionkey from nation union select r_regionkey from region",
      "values (1, 'a'), (2, 'b')",
      "select n_regionkey from nation intersect select r_regionkey from region where r_regionkey < 3",
      "select n_nationkey from nation except select r_regionkey from region",
      "select n_name, n_regionkey from nation except select n_name, n_regionkey from nation where n_regionkey = 2",
      "select l_returnflag, count(*) filter (where l_quantity > 30), sum(l_quantity) filter (where l_tax = 0) "
          + "from lineitem group by l_returnflag",
  })
  void matchesDuckDb(String sql) {
    List<Row> actual = session.execute(sql).rows();
    List<List<Object>> expected = duckDb.query(sql);
    boolean ordered = sql.toLowerCase(Locale.ROOT).contains("order by");
    Optional<String> diff = ResultComparison.difference(actual, expected, ordered);
    diff.ifPresent(d -> fail(sql + ": " + d));
  }

  @Test
  void sortAndLimit() {
    String sql = "select o_orderkey, o_totalprice from orders order by o_totalprice desc, o_orderkey limit 7";
    List<Row> rows = session.execute(sql).rows();
    assertEquals(7, rows.size());
    assertEquals(Optional.empty(), ResultComparison.difference(rows, duckDb.query(sql), true));

    String sorted = "select n_name, n_regionkey from nation order by n_regionkey desc, n_name";
    assertEquals(Optional.empty(), ResultComparison.difference(session.execute(sorted).rows(),
        duckDb.query(sorted), true));
    assertEquals(3, session.execute("select * from lineitem limit 3").rows().size());
  }

  @Test
  void globalAggregateOfNoRowsIsOneRow() {
    List<Row> rows = session.execute(
        "select count(*), count(l_tax), sum(l_quantity), avg(l_quantity), max(l_comment) from lineitem "
            + "where l_quantity < 0").rows();
    assertEquals(1, rows.size());
    assertEquals("[0, 0, null, null, null]", rows.get(0).asList().toString());
  }

  @Test
  void averageOfIntegersHasTheSqlTypeOfItsArgument() {
    // Calcite types AVG(INTEGER) as INTEGER: the average truncates, as an integer division does.
    List<Row> rows = session.execute("select avg(l_linenumber), avg(cast(l_linenumber as double)) from lineitem")
        .rows();
    assertEquals(3, ((Number) rows.get(0).get(0)).intValue());
    double exact = ((Number) rows.get(0).get(1)).doubleValue();
    assertTrue(exact > 3 && exact < 3.1, rows.toString());
  }

  @Test
  void decimalSumKeepsItsScale() {
    StatementResult r = session.execute("select sum(l_extendedprice) as s from lineitem where l_orderkey = 1");
    BigDecimal sum = (BigDecimal) r.rows().get(0).get(0);
    assertEquals(2, sum.scale());
    assertEquals("s", r.schema().orElseThrow().getFields().get(0).getName());
  }

  @Test
  void explainShowsCalciteAndGleamPlans() {
    StatementResult r = session.execute(
        "explain plan for select l_returnflag, count(*) from lineitem group by l_returnflag");
    String text = r.rows().stream().map(row -> (String) row.get(0)).collect(Collectors.joining("\n"));
    assertTrue(text.contains("-- Calcite"), text);
    assertTrue(text.contains("LogicalAggregate"), text);
    assertTrue(text.contains("-- Gleam"), text);
    assertTrue(text.contains("TpchScan[lineitem"), text);
    assertTrue(text.contains("Aggregate[PARTIAL"), text);
  }

  /**
   * An inner join whose left side (customers of one nation with their orders) is far smaller than its right
   * (lineitem) broadcasts the left side: it runs as lineitem joined to it, its residual condition rewritten for
   * the swapped columns, and the columns put back in order; lineitem is not shuffled.
   */
  @Test
  void smallLeftSideOfAnInnerJoinIsBroadcast() {
    String sql = "select c_mktsegment, count(*), sum(l_quantity) from customer join orders on c_custkey = o_custkey "
        + "join lineitem on l_orderkey = o_orderkey and l_commitdate < o_orderdate + interval '60' day "
        + "where c_nationkey = 3 group by c_mktsegment";
    String plan = session.execute("explain plan for " + sql).rows().stream().map(row -> (String) row.get(0))
        .collect(Collectors.joining("\n"));
    assertTrue(plan.contains("HashJoin[INNER, left=[$0], right=[$0], condition=$2 < DATE_ADD_DAYS($4, 60)]  "
        + "(l_orderkey bigint, l_quantity decimal(15,2), l_commitdate date, o_orderkey bigint"), plan);
    assertTrue(plan.contains("Compute[[$3, $4, $5, $0, $1, $2]]"), plan);
    assertEquals(2, plan.split("-> broadcast", -1).length - 1, plan);
    List<Row> rows = session.execute(sql).rows();
    assertEquals(Optional.empty(), ResultComparison.difference(rows, duckDb.query(sql), false));
    assertTrue(rows.size() >= 3, "a meaningful result: " + rows);
  }

  @Test
  void unknownTableIsAUserErrorAndTheSessionKeepsWorking() {
    GleamException e = assertThrows(GleamException.class, () -> session.execute("select * from nosuch"));
    assertEquals(ErrorCode.Kind.USER_ERROR, e.code().kind());
    assertTrue(e.getMessage().contains("nosuch"), e.getMessage());
    assertEquals(5, session.execute("select * from region").rows().size());
    GleamException syntax = assertThrows(GleamException.class, () -> session.execute("selec 1"));
    assertEquals(ErrorCode.Kind.USER_ERROR, syntax.code().kind());
    assertEquals(1, session.execute("select 1").rows().size());
  }

  @Test
  void divisionByZeroAtRunTimeNamesTheExpression() {
    GleamException e = assertThrows(GleamException.class,
        () -> session.execute("select n_nationkey / (n_regionkey - n_regionkey) from nation"));
    assertTrue(e.getMessage().contains("/"), e.getMessage());
    assertTrue(e.getMessage().toLowerCase(Locale.ROOT).contains("zero"), e.getMessage());
    assertEquals(25, session.execute("select n_nationkey from nation").rows().size());
  }

  @Test
  void offsetSkipsRowsInOrder() {
    for (String sql : List.of("select n_name from nation order by n_name offset 20 rows",
        "select o_orderkey from orders order by o_totalprice desc, o_orderkey limit 5 offset 3",
        "select n_name from nation order by n_nationkey offset 30 rows")) {
      assertEquals(Optional.empty(), ResultComparison.difference(session.execute(sql).rows(), duckDb.query(sql),
          true), sql);
    }
    assertEquals(15, session.execute("select * from nation offset 10 rows").rows().size());
  }

  @Test
  void cancelStopsARunningQuery() throws Exception {
    try (LocalSqlSession own = new LocalSqlSession(new Catalog(), List.of(Catalog.TPCH_SCHEMA, "tiny"), 2)) {
      CompletableFuture<StatementResult> query = CompletableFuture
          .supplyAsync(() -> own.execute("select count(*) from lineitem a, orders b "
              + "where a.l_orderkey > b.o_orderkey"));
      Thread.sleep(1500);
      assertFalse(query.isDone(), "the query is still running");
      own.cancel();
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> query.get(60, TimeUnit.SECONDS));
      GleamException cause = (GleamException) e.getCause();
      assertEquals(ErrorCode.CANCELLED, cause.code(), cause.getMessage());
      assertEquals(25, own.execute("select * from nation").rows().size());
    }
  }

  @Test
  void unsupportedStatementIsAUserError() {
    GleamException e = assertThrows(GleamException.class,
        () -> session.execute("select sum(n_nationkey) over (order by n_regionkey range between 1 preceding "
            + "and current row) from nation"));
    assertEquals(ErrorCode.Kind.USER_ERROR, e.code().kind());
    assertTrue(e.getMessage().contains("not supported"), e.getMessage());
    assertEquals(5, session.execute("select * from region").rows().size());
  }

  @Test
  void managedTablesTakeInsertsAndCreateTableAs() {
    try (LocalSqlSession main = new LocalSqlSession(new Catalog(), List.of(Catalog.MAIN_SCHEMA), 2)) {
      main.execute("create table t (id bigint not null, name varchar, price decimal(10, 2), d date)");
      assertEquals(0, main.execute("select * from t").rows().size());
      StatementResult inserted = main.execute(
          "insert into t values (1, 'a', 1.5, date '2024-01-02'), (2, null, null, null)");
      assertEquals(2, inserted.updateCount());
      assertEquals(3, main.execute("insert into t select n_nationkey + 10, n_name, 0.25, null "
          + "from tpch.tiny.nation where n_nationkey < 3").updateCount());
      assertEquals("[[5, 2.25, 2024-01-02]]", main.execute("select count(*), sum(price), max(d) from t").rows()
          .stream().map(r -> r.asList().toString()).toList().toString());
      assertEquals("[[1, a, 1.50, 2024-01-02], [2, null, null, null], [10, ALGERIA, 0.25, null]]",
          main.execute("select * from t order by id limit 3").rows().stream().map(r -> r.asList().toString())
              .toList().toString());

      GleamException notNull = assertThrows(GleamException.class,
          () -> main.execute("insert into t values (cast(null as bigint), 'x', 1, null)"));
      assertTrue(notNull.getMessage().contains("NOT NULL"), notNull.getMessage());
      assertEquals(5, main.execute("select * from t").rows().size());

      assertEquals(5, main.execute("create table regions as select r_regionkey as k, r_name as name "
          + "from tpch.tiny.region").updateCount());
      assertEquals("[[AFRICA, 5]]", main.execute("select r.name, count(*) from regions r "
          + "join tpch.tiny.nation n on r.k = n.n_regionkey where r.k = 0 group by r.name").rows().stream()
          .map(r -> r.asList().toString()).toList().toString());
      assertEquals("dropped table regions", main.execute("drop table regions").message());
      assertThrows(GleamException.class, () -> main.execute("select * from regions"));
    }
  }

  @Test
  void fileTablesShowDescribeAndDrop(@TempDir Path dir) throws IOException {
    Path csv = dir.resolve("items.csv");
    Files.writeString(csv, "id,name,price\n1,apple,1.50\n2,pear,2.25\n3,fig,\n");
    try (LocalSqlSession main = new LocalSqlSession(new Catalog(), List.of(Catalog.MAIN_SCHEMA), 2)) {
      StatementResult created = main.execute("create table items (id bigint not null, name varchar, "
          + "price decimal(10, 2)) with (format = 'csv', path = '" + csv + "', header = true)");
      assertFalse(created.hasRows());
      assertEquals("created table items", created.message());

      List<Row> rows = main.execute("select name, price * 2 from items where price is not null order by id")
          .rows();
      assertEquals("[[apple, 3.00], [pear, 4.50]]", rows.stream().map(r -> r.asList().toString()).toList()
          .toString());
      assertEquals("[[3, 3.75]]", main.execute("select count(*), sum(price) from items").rows().stream()
          .map(r -> r.asList().toString()).toList().toString());

      assertEquals(List.of("items"), main.execute("show tables").rows().stream().map(r -> r.get(0)).toList());
      assertTrue(main.execute("show schemas").rows().stream().anyMatch(r -> r.get(0).equals("tpch")));
      List<Row> described = main.execute("describe items").rows();
      assertEquals(3, described.size());
      assertEquals("[id, BIGINT, NO]", described.get(0).asList().toString());
      assertEquals("[price, DECIMAL(10, 2), YES]", described.get(2).asList().toString());

      GleamException insert = assertThrows(GleamException.class,
          () -> main.execute("insert into items values (4, 'kiwi', 1)"));
      assertTrue(insert.getMessage().contains("not a managed table"), insert.getMessage());
      assertEquals("dropped table items", main.execute("drop table items").message());
      GleamException gone = assertThrows(GleamException.class, () -> main.execute("select * from items"));
      assertTrue(gone.getMessage().contains("items"), gone.getMessage());
      assertEquals(1, main.execute("select 1").rows().size());
    }
  }

  /**
   * A filtered query over a CSV table reads only the columns it uses, and hands the reader the ranges its
   * conjuncts imply (two bounds on one column intersected, a strict bound made inclusive, an OR giving none), in
   * days since the epoch for dates and unscaled values for decimals.
   */
  @Test
  void csvScansReadTheirColumnsAndRanges(@TempDir Path dir) throws IOException {
    Path csv = dir.resolve("t.csv");
    Files.writeString(csv, "id,d,price,note\n1,2024-01-01,1.50,a\n2,2024-02-01,2.50,b\n");
    try (LocalSqlSession main = new LocalSqlSession(new Catalog(), List.of(Catalog.MAIN_SCHEMA), 2)) {
      main.execute("create table t (id bigint, d date, price decimal(10, 2), note varchar) "
          + "with (format = 'csv', path = '" + csv + "', header = true)");
      String sql = "select id from t where d >= date '2024-01-01' and d < date '2024-02-01' and price > 1.5";
      String plan = main.execute("explain plan for " + sql).rows().stream().map(row -> (String) row.get(0))
          .collect(Collectors.joining("\n"));
      assertTrue(plan.contains("columns=[id, d, price] ranges=[d[19723..19753], price[151..9223372036854775807]]"),
          plan);
      assertEquals(List.of(1L), main.execute(sql.replace("> 1.5", "> 1.49")).rows().stream()
          .map(r -> r.get(0)).toList());
      String or = main.execute("explain plan for select id from t where d < date '2024-01-02' or id = 2").rows()
          .stream().map(row -> (String) row.get(0)).collect(Collectors.joining("\n"));
      assertTrue(or.contains("columns=[id, d]") && !or.contains("ranges="), or);
    }
  }
}
