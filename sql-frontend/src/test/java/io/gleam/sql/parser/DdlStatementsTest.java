package io.gleam.sql.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.SqlDescribeTable;
import org.apache.calcite.sql.SqlExplain;
import org.apache.calcite.sql.SqlExplainFormat;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

/** Gleam's statements parse to their SqlNode classes and unparse to the expected SQL. */
class DdlStatementsTest {

  /** Parses {@code sql}, checks its unparsed text, and checks that the text parses back to the same text. */
  private static <T extends SqlNode> T parse(String sql, Class<T> type, String expected) {
    SqlNode node = GleamSqlParser.parse(sql);
    T typed = assertInstanceOf(type, node);
    assertEquals(expected, GleamSqlParser.toSql(node));
    assertEquals(expected, GleamSqlParser.toSql(GleamSqlParser.parse(expected)), "unparsed text parses back");
    return typed;
  }

  @Test
  void createTableWithColumnsAndOptions() {
    SqlCreateGleamTable create = parse(
        "CREATE TABLE t (a INT NOT NULL, b VARCHAR) WITH (format = 'csv', path = '/a/file.csv', header = true)",
        SqlCreateGleamTable.class,
        "CREATE TABLE `t` (`a` INTEGER NOT NULL, `b` VARCHAR) "
            + "WITH (`format` = 'csv', `path` = '/a/file.csv', `header` = TRUE)");
    assertEquals(SqlKind.CREATE_TABLE, create.getKind());
    assertEquals(List.of("t"), create.name().names);
    assertFalse(create.getReplace());
    assertFalse(create.ifNotExists());
    assertEquals(2, create.columns().size());
    SqlColumnDef a = create.columns().get(0);
    assertEquals("a", a.name());
    assertEquals(SqlTypeName.INTEGER.getName(), a.type().getTypeName().getSimple());
    assertFalse(a.nullable());
    SqlColumnDef b = create.columns().get(1);
    assertEquals("b", b.name());
    assertEquals(SqlTypeName.VARCHAR.getName(), b.type().getTypeName().getSimple());
    assertTrue(b.nullable());
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("format", "csv");
    expected.put("path", "/a/file.csv");
    expected.put("header", Boolean.TRUE);
    assertEquals(expected, create.optionValues());
    assertEquals(List.of("format", "path", "header"), create.options().stream().map(SqlTableOption::key).toList());
    assertTrue(create.query().isEmpty());
  }

  @Test
  void optionValuesKeepTheirTypes() {
    SqlCreateGleamTable create = parse(
        "CREATE TABLE t WITH (s = 'x''y', i = 42, neg = -7, d = 1.50, e = 2.5e3, yes = TRUE, off = false, "
            + "`Quoted` = 'q')",
        SqlCreateGleamTable.class,
        "CREATE TABLE `t` WITH (`s` = 'x''y', `i` = 42, `neg` = -7, `d` = 1.50, `e` = 2.5E3, `yes` = TRUE, "
            + "`off` = FALSE, `Quoted` = 'q')");
    Map<String, Object> values = create.optionValues();
    assertEquals("x'y", values.get("s"));
    assertEquals(new BigDecimal("42"), values.get("i"));
    assertEquals(new BigDecimal("-7"), values.get("neg"));
    assertEquals(new BigDecimal("1.50"), values.get("d"));
    assertEquals(0, new BigDecimal("2500").compareTo((BigDecimal) values.get("e")));
    assertEquals(Boolean.TRUE, values.get("yes"));
    assertEquals(Boolean.FALSE, values.get("off"));
    assertEquals("q", values.get("Quoted"));
    assertTrue(create.columns().isEmpty());
  }

  @Test
  void createTableAsQuery() {
    SqlCreateGleamTable create = parse("CREATE TABLE t AS SELECT 1", SqlCreateGleamTable.class,
        "CREATE TABLE `t` AS\nSELECT 1");
    assertTrue(create.columns().isEmpty());
    assertTrue(create.options().isEmpty());
    assertEquals(SqlKind.SELECT, create.query().orElseThrow().getKind());
  }

  @Test
  void createTableWithOptionsAsQuery() {
    SqlCreateGleamTable create = parse(
        "create table dst.Summary with (format = 'parquet', path = '/tmp/r') as select a, count(*) from t group by a",
        SqlCreateGleamTable.class,
        "CREATE TABLE `dst`.`summary` WITH (`format` = 'parquet', `path` = '/tmp/r') AS\n"
            + "SELECT `a`, COUNT(*)\nFROM `t`\nGROUP BY `a`");
    assertEquals(List.of("dst", "summary"), create.name().names);
    assertEquals(Map.of("format", "parquet", "path", "/tmp/r"), create.optionValues());
  }

  @Test
  void createOrReplaceTableIfNotExists() {
    SqlCreateGleamTable replace = parse("CREATE OR REPLACE TABLE t (x DECIMAL(12, 2), y DATE NULL)",
        SqlCreateGleamTable.class, "CREATE OR REPLACE TABLE `t` (`x` DECIMAL(12, 2), `y` DATE)");
    assertTrue(replace.getReplace());
    assertTrue(replace.columns().get(1).nullable());
    SqlCreateGleamTable ifNotExists = parse("CREATE TABLE IF NOT EXISTS t (x BIGINT)", SqlCreateGleamTable.class,
        "CREATE TABLE IF NOT EXISTS `t` (`x` BIGINT)");
    assertTrue(ifNotExists.ifNotExists());
  }

  @Test
  void newKeywordsStayUsableAsNames() {
    parse("CREATE TABLE if (tables INT, schemas INT, functions INT)", SqlCreateGleamTable.class,
        "CREATE TABLE `if` (`tables` INTEGER, `schemas` INTEGER, `functions` INTEGER)");
    parse("SELECT tables, if FROM functions", org.apache.calcite.sql.SqlSelect.class,
        "SELECT `tables`, `if`\nFROM `functions`");
  }

  @Test
  void createView() {
    SqlCreateGleamView view = parse("CREATE VIEW v AS SELECT a FROM t WHERE a != 1", SqlCreateGleamView.class,
        "CREATE VIEW `v` AS\nSELECT `a`\nFROM `t`\nWHERE `a` <> 1");
    assertEquals(SqlKind.CREATE_VIEW, view.getKind());
    assertTrue(view.columnNames().isEmpty());
    SqlCreateGleamView withColumns = parse("CREATE OR REPLACE VIEW s.v (x, Y) AS SELECT a, b FROM t",
        SqlCreateGleamView.class, "CREATE OR REPLACE VIEW `s`.`v` (`x`, `y`) AS\nSELECT `a`, `b`\nFROM `t`");
    assertTrue(withColumns.getReplace());
    assertEquals(List.of("x", "y"), withColumns.columnNames());
  }

  @Test
  void createLuaFunction() {
    SqlCreateGleamFunction function = parse(
        "CREATE FUNCTION add_len(a INT, s VARCHAR) RETURNS INT LANGUAGE LUA AS 'return a + #s'",
        SqlCreateGleamFunction.class,
        "CREATE FUNCTION `add_len`(`a` INTEGER, `s` VARCHAR) RETURNS INTEGER LANGUAGE LUA AS 'return a + #s'");
    assertEquals(SqlKind.CREATE_FUNCTION, function.getKind());
    assertEquals(SqlCreateGleamFunction.Language.LUA, function.language());
    assertEquals("return a + #s", function.body());
    assertEquals(List.of("a", "s"), function.parameters().stream().map(SqlFunctionParameter::name).toList());
    assertEquals("INTEGER", function.returnType().getTypeName().getSimple());
  }

  @Test
  void createPipeFunctionWithQuotesAndNewlinesInTheBody() {
    SqlCreateGleamFunction function = parse(
        "create or replace function Upper_Words() returns varchar language pipe as 'tr ''a-z'' ''A-Z'''",
        SqlCreateGleamFunction.class,
        "CREATE OR REPLACE FUNCTION `upper_words`() RETURNS VARCHAR LANGUAGE PIPE AS 'tr ''a-z'' ''A-Z'''");
    assertEquals(SqlCreateGleamFunction.Language.PIPE, function.language());
    assertEquals("tr 'a-z' 'A-Z'", function.body());
    assertTrue(function.parameters().isEmpty());
    assertTrue(function.getReplace());

    SqlCreateGleamFunction multiLine = assertInstanceOf(SqlCreateGleamFunction.class, GleamSqlParser.parse(
        "CREATE FUNCTION f(x DOUBLE) RETURNS DOUBLE LANGUAGE LUA AS '\n  local y = x * 2\n  return y\n'"));
    assertEquals("\n  local y = x * 2\n  return y\n", multiLine.body());
  }

  @Test
  void drop() {
    SqlDropGleamObject table = parse("DROP TABLE t", SqlDropGleamObject.class, "DROP TABLE `t`");
    assertEquals(SqlDropGleamObject.ObjectType.TABLE, table.objectType());
    assertEquals(SqlKind.DROP_TABLE, table.getKind());
    assertFalse(table.ifExists());
    SqlDropGleamObject view = parse("drop view if exists S.V", SqlDropGleamObject.class,
        "DROP VIEW IF EXISTS `s`.`v`");
    assertEquals(SqlKind.DROP_VIEW, view.getKind());
    assertTrue(view.ifExists());
    SqlDropGleamObject function = parse("DROP FUNCTION IF EXISTS f", SqlDropGleamObject.class,
        "DROP FUNCTION IF EXISTS `f`");
    assertEquals(SqlDropGleamObject.ObjectType.FUNCTION, function.objectType());
    assertEquals(SqlKind.DROP_FUNCTION, function.getKind());
  }

  @Test
  void show() {
    assertTrue(parse("SHOW TABLES", SqlShowTables.class, "SHOW TABLES").schema().isEmpty());
    assertEquals(List.of("tpch"), parse("show tables from TPCH", SqlShowTables.class, "SHOW TABLES FROM `tpch`")
        .schema().orElseThrow().names);
    parse("SHOW TABLES IN s", SqlShowTables.class, "SHOW TABLES FROM `s`");
    parse("SHOW SCHEMAS", SqlShowSchemas.class, "SHOW SCHEMAS");
    parse("show functions", SqlShowFunctions.class, "SHOW FUNCTIONS");
  }

  @Test
  void describe() {
    SqlDescribeTable plain = parse("DESCRIBE t", SqlDescribeTable.class, "DESCRIBE TABLE `t`");
    assertEquals(List.of("t"), plain.getTable().names);
    parse("DESCRIBE TABLE s.T", SqlDescribeTable.class, "DESCRIBE TABLE `s`.`t`");
  }

  @Test
  void explain() {
    String textPlan = "EXPLAIN PLAN INCLUDING ATTRIBUTES WITH IMPLEMENTATION FOR\nSELECT 1";
    assertEquals(SqlExplainFormat.TEXT, parse("EXPLAIN SELECT 1", SqlExplain.class, textPlan).getFormat());
    assertEquals(SqlExplainFormat.TEXT, parse("EXPLAIN PLAN FOR SELECT 1", SqlExplain.class, textPlan).getFormat());

    String dotPlan = "EXPLAIN PLAN INCLUDING ATTRIBUTES WITH IMPLEMENTATION AS DOT FOR\nSELECT *\nFROM `t`";
    assertEquals(SqlExplainFormat.DOT, parse("EXPLAIN AS DOT SELECT * FROM t", SqlExplain.class, dotPlan).getFormat());
    assertEquals(SqlExplainFormat.DOT,
        parse("EXPLAIN AS DOT FOR SELECT * FROM t", SqlExplain.class, dotPlan).getFormat());
    assertEquals(SqlExplainFormat.DOT,
        parse("EXPLAIN PLAN AS DOT FOR SELECT * FROM t", SqlExplain.class, dotPlan).getFormat());

    SqlExplain logical = parse("EXPLAIN PLAN WITHOUT IMPLEMENTATION AS JSON FOR SELECT 1", SqlExplain.class,
        "EXPLAIN PLAN INCLUDING ATTRIBUTES WITHOUT IMPLEMENTATION AS JSON FOR\nSELECT 1");
    assertEquals(SqlExplain.Depth.LOGICAL, logical.getDepth());
    assertEquals(SqlExplainFormat.JSON, logical.getFormat());

    SqlExplain insert = parse("EXPLAIN INSERT INTO t SELECT * FROM u", SqlExplain.class,
        "EXPLAIN PLAN INCLUDING ATTRIBUTES WITH IMPLEMENTATION FOR\nINSERT INTO `t`\nSELECT *\nFROM `u`");
    assertEquals(SqlKind.INSERT, insert.getExplicandum().getKind());
  }

  @Test
  void insert() {
    parse("INSERT INTO t VALUES (1, 'a'), (2, 'b')", SqlInsert.class,
        "INSERT INTO `t`\nVALUES ROW(1, 'a'),\nROW(2, 'b')");
    SqlInsert insert = parse("insert into T (a, b) select x, y from u", SqlInsert.class,
        "INSERT INTO `t` (`a`, `b`)\nSELECT `x`, `y`\nFROM `u`");
    assertEquals(List.of("t"), ((org.apache.calcite.sql.SqlIdentifier) insert.getTargetTable()).names);
  }
}
