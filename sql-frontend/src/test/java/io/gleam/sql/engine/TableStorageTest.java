package io.gleam.sql.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.planner.Row;
import io.gleam.sql.catalog.Catalog;
import io.gleam.sql.testing.DuckDbQueries;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Table storage end to end: managed tables as Arrow batches in memory, CREATE TABLE ... WITH (...) AS SELECT writing
 * csv, tsv, jsonl, text and arrow part files, reading them back, the persisted catalog, and errors. Answers come
 * from DuckDB, reading the same files Gleam wrote (or its own copy of the TPC-H rows), or are checked by hand.
 */
class TableStorageTest {
  /** Lineitem by return flag and status: count, sums of a DECIMAL column, and the DATE range. */
  private static final String LINEITEM_SUMMARY = "select l_returnflag, l_linestatus, count(*), sum(l_quantity), "
      + "sum(l_extendedprice), min(l_shipdate), max(l_shipdate) from %s group by l_returnflag, l_linestatus";

  private static DuckDbOracle oracle;
  private LocalSqlSession session;
  @TempDir
  Path temp;

  @BeforeAll
  static void startOracle() {
    oracle = new DuckDbOracle();
  }

  @AfterAll
  static void stopOracle() {
    oracle.close();
  }

  @BeforeEach
  void open() {
    session = new LocalSqlSession(new Catalog(), List.of(Catalog.MAIN_SCHEMA), 4);
  }

  @AfterEach
  void close() {
    session.close();
  }

  private List<Row> rows(String sql) {
    return session.execute(sql).rows();
  }

  private static void assertSameRows(List<Row> actual, List<List<Object>> expected) {
    Optional<String> difference = ResultComparison.difference(actual, expected, false);
    assertTrue(difference.isEmpty(), difference.orElse(""));
  }

  private static List<List<Object>> duckDb(String sql) {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
      return DuckDbQueries.query(c, sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void managedTableIsHeldAsArrowAndDropFreesIt() {
    assertEquals(60175, session.execute("create table li as select * from tpch.tiny.lineitem").updateCount());
    assertTrue(session.managedTableBytes() > 60175L * 100, "bytes held: " + session.managedTableBytes());
    assertSameRows(rows(String.format(LINEITEM_SUMMARY, "li")),
        oracle.query(String.format(LINEITEM_SUMMARY, "lineitem")));
    // joins and repeated scans see the same batches
    assertSameRows(rows("select o.o_orderpriority, count(*) from li join tpch.tiny.orders o "
            + "on li.l_orderkey = o.o_orderkey where li.l_commitdate < li.l_receiptdate group by 1"),
        oracle.query("select o.o_orderpriority, count(*) from lineitem li join orders o "
            + "on li.l_orderkey = o.o_orderkey where li.l_commitdate < li.l_receiptdate group by 1"));

    session.execute("create or replace table li as select * from tpch.tiny.lineitem where l_quantity < 10");
    assertEquals(rows("select count(*) from tpch.tiny.lineitem where l_quantity < 10").get(0).get(0),
        rows("select count(*) from li").get(0).get(0));
    session.execute("drop table li");
    assertEquals(0, session.managedTableBytes());
  }

  /**
   * A compute over a managed table's scan reads only the columns it uses (the plan's scan names them), with the
   * same answers as DuckDB: a filter on one column and a projection of others, COUNT(*), and a view that renames.
   */
  @Test
  void scansOfManagedTablesReadOnlyTheColumnsUsed() {
    session.execute("create table li as select * from tpch.tiny.lineitem");
    String plan = rows("explain select l_orderkey + l_linenumber, l_comment from li where l_quantity < 5").toString();
    assertTrue(plan.contains("(l_orderkey bigint, l_linenumber int, l_quantity decimal(15,2), l_comment string)"),
        plan);
    assertSameRows(rows("select l_orderkey + l_linenumber, l_comment from li where l_quantity < 5"),
        oracle.query("select l_orderkey + l_linenumber, l_comment from lineitem where l_quantity < 5"));
    assertSameRows(rows("select count(*) from li"), oracle.query("select count(*) from lineitem"));
    session.execute("create view v (k, q) as select l_orderkey, l_quantity from li");
    assertSameRows(rows("select k, sum(q) from v where k < 100 group by k"),
        oracle.query("select l_orderkey, sum(l_quantity) from lineitem where l_orderkey < 100 group by 1"));
  }

  @Test
  void insertSelectAppendsBatchesAndCountsRows() {
    session.execute("create table n (k int not null, name varchar, region bigint)");
    assertEquals(25, session.execute("insert into n select n_nationkey, n_name, n_regionkey "
        + "from tpch.tiny.nation").updateCount());
    assertEquals(2, session.execute("insert into n values (100, 'X', 9), (101, null, null)").updateCount());
    assertSameRows(rows("select region, count(*), count(name) from n group by region"),
        List.of(List.of(0L, 5L, 5L), List.of(1L, 5L, 5L), List.of(2L, 5L, 5L), List.of(3L, 5L, 5L),
            List.of(4L, 5L, 5L), List.of(9L, 1L, 1L), java.util.Arrays.asList(null, 1L, 0L)));
    // a query that reads the table it inserts into sees the rows from before the statement
    assertEquals(27, session.execute("insert into n select * from n").updateCount());
    assertEquals(54L, rows("select count(*) from n").get(0).get(0));
  }

  @Test
  void csvWrittenByCreateTableAsReadsBackWithItsTypes() throws IOException {
    Path dir = temp.resolve("lineitem");
    session.execute("create table li with (format = 'csv', path = '" + dir + "', header = true) as "
        + "select * from tpch.tiny.lineitem");
    List<Path> parts = files(dir);
    assertEquals(4, parts.size(), parts.toString());
    assertTrue(parts.get(0).getFileName().toString().matches("part-0000[0-3]\\.csv"), parts.toString());
    String describe = rows("describe li").toString();
    assertTrue(describe.contains("DECIMAL(15, 2)") && describe.contains("DATE"), describe);
    String duckDbCsv = "read_csv('" + dir + "/*.csv', header = true, types = {'l_quantity': 'DECIMAL(15,2)', "
        + "'l_extendedprice': 'DECIMAL(15,2)'})";
    assertSameRows(rows(String.format(LINEITEM_SUMMARY, "li")),
        duckDb(String.format(LINEITEM_SUMMARY, duckDbCsv)));
    assertSameRows(rows(String.format(LINEITEM_SUMMARY, "li")),
        oracle.query(String.format(LINEITEM_SUMMARY, "lineitem")));
  }

  @Test
  void jsonLinesAndTsvRoundTrip() throws IOException {
    Path json = temp.resolve("orders-json");
    Path tsv = temp.resolve("orders-tsv");
    String query = "select o_orderkey, o_custkey, o_orderstatus, o_totalprice, o_orderdate, o_comment "
        + "from tpch.tiny.orders";
    session.execute("create table oj with (format = 'jsonl', path = '" + json + "') as " + query);
    session.execute("create table ot with (format = 'tsv', path = '" + tsv + "') as " + query);
    String summary = "select o_orderstatus, count(*), sum(o_totalprice), min(o_orderdate), max(o_orderdate), "
        + "min(o_comment), max(o_comment) from %s group by o_orderstatus";
    List<List<Object>> expected = oracle.query(String.format(summary, "orders"));
    assertSameRows(rows(String.format(summary, "oj")), expected);
    assertSameRows(rows(String.format(summary, "ot")), expected);
    String duckJson = "read_json('" + json + "/*.jsonl', columns = {o_orderkey: 'BIGINT', o_custkey: 'BIGINT', "
        + "o_orderstatus: 'VARCHAR', o_totalprice: 'DECIMAL(15,2)', o_orderdate: 'DATE', o_comment: 'VARCHAR'})";
    assertSameRows(rows(String.format(summary, "oj")), duckDb(String.format(summary, duckJson)));
  }

  @Test
  void arrowAndTextRoundTrip() throws IOException {
    Path arrow = temp.resolve("li-arrow");
    session.execute("create table la with (format = 'arrow', path = '" + arrow + "') as "
        + "select * from tpch.tiny.lineitem");
    assertEquals(4, files(arrow).size());
    assertSameRows(rows(String.format(LINEITEM_SUMMARY, "la")),
        oracle.query(String.format(LINEITEM_SUMMARY, "lineitem")));

    Path text = temp.resolve("names");
    session.execute("create table names with (format = 'text', path = '" + text + "') as "
        + "select n_name from tpch.tiny.nation");
    long lines = 0;
    for (Path part : files(text)) {
      lines += Files.readAllLines(part, StandardCharsets.UTF_8).size();
    }
    assertEquals(25, lines);
    assertSameRows(rows("select * from names where n_name like 'CHINA%' or n_name like 'PER%'"),
        List.of(List.of("CHINA"), List.of("PERU")));
  }

  @Test
  void catalogAndManagedTablesSurviveReopening() throws IOException {
    Path dir = temp.resolve("catalog");
    Path csv = temp.resolve("data.csv");
    Files.writeString(csv, "1,one\n2,two\n3,three\n");
    try (LocalSqlSession first = LocalSqlSession.open(dir)) {
      first.execute("create table f (id int not null, word varchar) with (format = 'csv', path = '" + csv + "')");
      first.execute("create table m as select n_nationkey as k, n_name as name from tpch.tiny.nation");
      first.execute("insert into m values (99, 'ATLANTIS')");
      first.execute("create view v as select f.word, m.name from f join m on f.id = m.k");
      first.execute("create table gone (a int)");
      first.execute("drop table gone");
    }
    assertTrue(Files.exists(dir.resolve("catalog.json")));
    assertTrue(Files.exists(dir.resolve("tables").resolve("m.arrow")));
    assertFalse(Files.exists(dir.resolve("tables").resolve("gone.arrow")));
    try (LocalSqlSession second = LocalSqlSession.open(dir)) {
      assertEquals("[[f], [m], [v]]", second.execute("show tables").rows().stream()
          .map(r -> r.asList().toString()).toList().toString());
      assertSameRows(second.execute("select * from v").rows(),
          List.of(List.of("one", "ARGENTINA"), List.of("two", "BRAZIL"), List.of("three", "CANADA")));
      assertSameRows(second.execute("select count(*), max(k) from m").rows(), List.of(List.of(26L, 99L)));
      second.execute("insert into m values (100, 'MU')");
    }
    try (LocalSqlSession third = LocalSqlSession.open(dir)) {
      assertSameRows(third.execute("select name from m where k >= 99").rows(),
          List.of(List.of("ATLANTIS"), List.of("MU")));
    }
  }

  @Test
  void malformedJsonLineNamesFileAndLineOrIsSkipped() throws IOException {
    Path file = temp.resolve("events.jsonl");
    Files.writeString(file, "{\"id\": 1, \"tag\": \"a\"}\n{\"id\": 2}\n{\"id\": 3, \"tag\": \n{\"tag\": \"d\", "
        + "\"id\": 4, \"extra\": [1, 2]}\n");
    session.execute("create table e (id bigint, tag varchar) with (format = 'jsonl', path = '" + file + "')");
    GleamException e = assertThrows(GleamException.class, () -> session.execute("select * from e"));
    assertEquals(ErrorCode.MALFORMED_INPUT, e.code());
    assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("line 3"), e.getMessage());

    session.execute("create table es (id bigint, tag varchar) with (format = 'jsonl', path = '" + file
        + "', on_error = 'skip')");
    assertSameRows(rows("select * from es"), List.of(List.of(1L, "a"), java.util.Arrays.asList(2L, null),
        List.of(4L, "d")));
  }

  @Test
  void badTableDefinitionsAreUserErrors() {
    GleamException format = assertThrows(GleamException.class, () -> session.execute(
        "create table x (a int) with (format = 'parquet', path = '/tmp/x')"));
    assertTrue(format.getMessage().contains("unknown file format 'parquet'"), format.getMessage());
    GleamException path = assertThrows(GleamException.class, () -> session.execute(
        "create table x (a int) with (format = 'csv')"));
    assertTrue(path.getMessage().contains("format and path"), path.getMessage());
    session.execute("create table y (a int) with (format = 'csv', path = '" + temp.resolve("missing.csv") + "')");
    GleamException missing = assertThrows(GleamException.class, () -> session.execute("select * from y"));
    assertEquals(ErrorCode.INPUT_NOT_FOUND, missing.code());
    assertTrue(missing.getMessage().contains("missing.csv"), missing.getMessage());
  }

  @Test
  void explainAsDotGivesGraphviz() {
    for (String sql : List.of("explain select count(*) from tpch.tiny.nation as dot",
        "explain select n_name from tpch.tiny.nation where n_regionkey = 1 AS DOT;",
        "explain as dot for select count(*) from tpch.tiny.nation")) {
      String dot = String.join("\n", session.execute(sql).rows().stream().map(r -> (String) r.get(0)).toList());
      assertTrue(dot.startsWith("digraph"), sql + " gave " + dot);
    }
    String text = String.join("\n", rows("explain select count(*) from tpch.tiny.nation").stream()
        .map(r -> (String) r.get(0)).toList());
    assertTrue(text.contains("-- Calcite"), text);
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }
}
