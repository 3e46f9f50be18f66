package io.gleam.sql.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.junit.jupiter.api.Test;

/** Calcite's queries still parse with Gleam's grammar and settings: TPC-H, identifier casing, conformance. */
class QueriesTest {

  /** Parses {@code sql} and checks that its unparsed text parses back to the same text. */
  private static SqlNode parseRoundTrip(String sql) {
    SqlNode node = GleamSqlParser.parse(sql);
    String text = GleamSqlParser.toSql(node);
    assertEquals(text, GleamSqlParser.toSql(GleamSqlParser.parse(text)), "unparsed text parses back");
    return node;
  }

  /** The names of the operators in a tree (in upper case), and the type names of its literals. */
  private static Set<String> features(SqlNode node) {
    Set<String> features = new TreeSet<>();
    node.accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlCall call) {
        features.add(call.getOperator().getName().toUpperCase(Locale.ROOT));
        return super.visit(call);
      }

      @Override
      public Void visit(SqlLiteral literal) {
        features.add(literal.getTypeName().getName());
        return null;
      }
    });
    return features;
  }

  @Test
  void tpchQ1() {
    SqlNode q1 = parseRoundTrip(TpchQueries.Q1);
    assertEquals("SELECT `l_returnflag`, `l_linestatus`, SUM(`l_quantity`) AS `sum_qty`, "
        + "SUM(`l_extendedprice`) AS `sum_base_price`, "
        + "SUM(`l_extendedprice` * (1 - `l_discount`)) AS `sum_disc_price`, "
        + "SUM(`l_extendedprice` * (1 - `l_discount`) * (1 + `l_tax`)) AS `sum_charge`, "
        + "AVG(`l_quantity`) AS `avg_qty`, AVG(`l_extendedprice`) AS `avg_price`, AVG(`l_discount`) AS `avg_disc`, "
        + "COUNT(*) AS `count_order`\n"
        + "FROM `lineitem`\n"
        + "WHERE `l_shipdate` <= DATE '1998-12-01' - INTERVAL '90' DAY(3)\n"
        + "GROUP BY `l_returnflag`, `l_linestatus`\n"
        + "ORDER BY `l_returnflag`, `l_linestatus`",
        GleamSqlParser.toSql(q1));
    assertTrue(features(q1).containsAll(List.of("INTERVAL_DAY", "-", "<=", "SUM", "AVG", "COUNT")));
  }

  @Test
  void tpchQ4HasExists() {
    assertTrue(features(parseRoundTrip(TpchQueries.Q4)).containsAll(List.of("EXISTS", "INTERVAL_MONTH", "+")));
  }

  @Test
  void tpchQ9HasExtractAndLike() {
    assertTrue(features(parseRoundTrip(TpchQueries.Q9)).containsAll(List.of("EXTRACT", "LIKE", "AS", "DESC")));
  }

  @Test
  void tpchQ12HasCase() {
    assertTrue(features(parseRoundTrip(TpchQueries.Q12)).containsAll(List.of("CASE", "IN", "INTERVAL_YEAR")));
  }

  @Test
  void tpchQ19() {
    SqlNode q19 = parseRoundTrip(TpchQueries.Q19);
    SqlSelect select = assertInstanceOf(SqlSelect.class, q19);
    assertEquals("OR", ((SqlCall) select.getWhere()).getOperator().getName());
    assertTrue(features(q19).containsAll(List.of("OR", "AND", "IN", "BETWEEN ASYMMETRIC", "SUM")));
  }

  @Test
  void tpchQ22HasSubstringAndNotExists() {
    assertTrue(features(parseRoundTrip(TpchQueries.Q22))
        .containsAll(List.of("SUBSTRING", "NOT", "EXISTS", "AVG", "DECIMAL")));
  }

  @Test
  void unquotedIdentifiersFoldToLowerCaseQuotedOnesAreKept() {
    SqlSelect select = assertInstanceOf(SqlSelect.class,
        GleamSqlParser.parse("SELECT L_OrderKey, `Mixed Case` FROM TPCH.LINEITEM"));
    assertEquals(List.of("l_orderkey"), ((SqlIdentifier) select.getSelectList().get(0)).names);
    assertEquals(List.of("Mixed Case"), ((SqlIdentifier) select.getSelectList().get(1)).names);
    assertEquals(List.of("tpch", "lineitem"), ((SqlIdentifier) select.getFrom()).names);
    assertEquals("SELECT `l_orderkey`, `Mixed Case`\nFROM `tpch`.`lineitem`", GleamSqlParser.toSql(select));
  }

  @Test
  void limitOffsetBangEqualAndPercent() {
    String expected = "SELECT `a` % 2\nFROM `t`\nWHERE `a` <> 1\nOFFSET 5 ROWS\nFETCH NEXT 10 ROWS ONLY";
    assertEquals(expected, GleamSqlParser.toSql(parseRoundTrip("SELECT a % 2 FROM t WHERE a != 1 LIMIT 10 OFFSET 5")));
    assertEquals(expected, GleamSqlParser.toSql(parseRoundTrip("SELECT a % 2 FROM t WHERE a != 1 OFFSET 5 LIMIT 10")));
    assertEquals(expected, GleamSqlParser.toSql(parseRoundTrip("SELECT a % 2 FROM t WHERE a != 1 LIMIT 5, 10")));
    SqlOrderBy limited = assertInstanceOf(SqlOrderBy.class,
        GleamSqlParser.parse("SELECT a FROM t ORDER BY a DESC LIMIT 3"));
    assertEquals("3", limited.fetch.toString());
  }

  @Test
  void parseStatementsSplitsOnSemicolons() {
    List<SqlNode> statements = GleamSqlParser.parseStatements("""
        -- a script
        CREATE TABLE t (a INT) WITH (format = 'csv', path = 't.csv');
        INSERT INTO t VALUES (1);
        SELECT * FROM t;
        """);
    assertEquals(3, statements.size());
    assertInstanceOf(SqlCreateGleamTable.class, statements.get(0));
    assertEquals("INSERT", statements.get(1).getKind().name());
    assertEquals("SELECT", statements.get(2).getKind().name());
    assertEquals(List.of(), GleamSqlParser.parseStatements(""));
    assertEquals(List.of(), GleamSqlParser.parseStatements("  -- nothing here\n"));
    assertInstanceOf(SqlSelect.class, GleamSqlParser.parse("SELECT 1;"));
  }
}
