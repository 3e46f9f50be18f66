package io.gleam.sql.parser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import org.apache.calcite.sql.parser.SqlParseException;
import org.junit.jupiter.api.Test;

/** A syntax error is a GleamException that says where (line and column) and what (the offending token). */
class SyntaxErrorsTest {

  private static GleamException error(String sql) {
    GleamException e = assertThrows(GleamException.class, () -> GleamSqlParser.parse(sql));
    assertEquals(ErrorCode.INVALID_FLOW, e.code());
    return e;
  }

  private static void assertError(String sql, String expectedMessage) {
    assertEquals(expectedMessage, error(sql).getMessage());
  }

  @Test
  void unexpectedTokenWithLineAndColumn() {
    assertError("SELECT a\nFROM t WHER x = 1", "SQL syntax error at line 2, column 13: unexpected 'x'");
    assertError("SELECT a FROM t WHERE", "SQL syntax error at line 1, column 21: unexpected end of input");
  }

  @Test
  void shortListsOfExpectedTokensAreNamed() {
    assertError("SELECT * FORM t",
        "SQL syntax error at line 1, column 15: unexpected 't'; expected one of \",\", \";\", \"EXCEPT\", \"FETCH\", "
            + "\"FROM\", \"INTERSECT\", \"LIMIT\", \"MINUS\", \"OFFSET\", \"ORDER\", \"UNION\", <EOF>");
  }

  @Test
  void causeIsCalcitesParseExceptionWithThePosition() {
    GleamException e = error("SELECT a,\n  FROM t");
    assertEquals("SQL syntax error at line 2, column 3: unexpected 'FROM'", e.getMessage());
    SqlParseException cause = assertInstanceOf(SqlParseException.class, e.getCause());
    assertEquals(2, cause.getPos().getLineNum());
    assertEquals(3, cause.getPos().getColumnNum());
  }

  @Test
  void keywordsAreNamedToo() {
    assertTrue(error("SELECT a FROM select").getMessage()
        .startsWith("SQL syntax error at line 1, column 15: unexpected 'select'"));
  }

  @Test
  void lexicalError() {
    assertError("SELECT # FROM t", "SQL syntax error at line 1, column 8: unexpected character '#'");
  }

  @Test
  void ddlErrors() {
    assertTrue(error("CREATE TABLE t (a INT,)").getMessage()
        .startsWith("SQL syntax error at line 1, column 23: unexpected ')'"));
    assertTrue(error("CREATE TABLE t (a INT) WITH (format = csv)").getMessage()
        .startsWith("SQL syntax error at line 1, column 39: unexpected 'csv'"));
    assertTrue(error("CREATE TABLE t WITH (a = NULL)").getMessage()
        .startsWith("SQL syntax error at line 1, column 26: unexpected 'NULL'"));
    assertTrue(error("CREATE FUNCTION f(a INT) LANGUAGE LUA AS 'x'").getMessage()
        .startsWith("SQL syntax error at line 1, column 26: unexpected 'LANGUAGE'"));
    assertTrue(error("DROP SCHEMA s").getMessage()
        .startsWith("SQL syntax error at line 1, column 6: unexpected 'SCHEMA'"));
    // SHOW is tried with two tokens of lookahead, so the error points at SHOW and lists what may follow it.
    assertError("SHOW VIEWS",
        "SQL syntax error at line 1, column 1: unexpected 'SHOW'; expected one of \"FUNCTIONS\", \"SCHEMAS\", \"TABLES\"");
  }

  @Test
  void checksTheGrammarCannotMake() {
    assertError("CREATE TABLE t (a INT, b INT,\n  a VARCHAR)",
        "SQL syntax error at line 2, column 3: Duplicate column name 'a'");
    assertError("CREATE TABLE t WITH (path = 'a', PATH = 'b')",
        "SQL syntax error at line 1, column 34: Duplicate option 'path'");
    assertError("CREATE FUNCTION f() RETURNS INT LANGUAGE python AS 'x'",
        "SQL syntax error at line 1, column 42: Unknown function language 'python'; expected LUA or PIPE");
    assertError("CREATE OR REPLACE TABLE IF NOT EXISTS t (a INT)",
        "SQL syntax error at line 1, column 1: OR REPLACE and IF NOT EXISTS cannot both be specified");
    assertError("SELECT 1; SELECT 2",
        "Expected one SQL statement, found 2 (the second starts at line 1, column 11)");
    assertError("", "Expected one SQL statement, found 0");
  }
}
