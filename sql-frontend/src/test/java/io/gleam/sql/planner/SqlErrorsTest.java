package io.gleam.sql.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.sql.catalog.Catalog;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Mistakes in a query fail planning with INVALID_FLOW and a message that names the thing and where it is. */
class SqlErrorsTest {
  private final SqlPlanner planner = new SqlPlanner(new Catalog(), List.of("tpch", "tiny"));

  private String error(String sql) {
    GleamException e = assertThrows(GleamException.class, () -> planner.plan(sql));
    assertEquals(ErrorCode.INVALID_FLOW, e.code(), e.getMessage());
    return e.getMessage();
  }

  @Test
  void unknownTable() {
    assertEquals("SQL error at line 1, column 15: Object 'lineitems' not found", error("select * from lineitems"));
  }

  @Test
  void unknownSchema() {
    assertEquals("SQL error at line 2, column 6: Object 'foo' not found within 'tpch'",
        error("select *\nfrom tpch.foo.lineitem"));
  }

  @Test
  void unknownColumn() {
    assertEquals("SQL error at line 1, column 20: Column 'l_foo' not found in any table",
        error("select l_orderkey, l_foo from lineitem"));
  }

  @Test
  void unknownQualifiedColumn() {
    assertEquals("SQL error at line 1, column 10: Column 'n_foo' not found in table 'n'",
        error("select n.n_foo from nation n"));
  }

  @Test
  void textThatIsNotANumberInArithmetic() {
    assertEquals("SQL error at line 1, column 8: cannot convert 'a' to INTEGER", error("select 'a' + 1 from nation"));
  }

  @Test
  void dateComparedWithInteger() {
    String message = error("select * from orders where o_orderdate = 1");
    assertEquals("SQL error at line 1, column 28: Cannot apply '=' to arguments of type '<DATE> = <INTEGER>'. "
        + "Supported form(s): '<COMPARABLE_TYPE> = <COMPARABLE_TYPE>'", message);
  }

  @Test
  void textThatIsNotADate() {
    assertEquals("SQL error at line 1, column 42: cannot convert '1995-02-30' to DATE",
        error("select * from orders where o_orderdate < '1995-02-30'"));
  }

  @Test
  void columnNotGrouped() {
    assertEquals("SQL error at line 1, column 8: Expression 'n_name' is not being grouped",
        error("select n_name, count(*) from nation"));
  }

  @Test
  void syntaxErrorsComeFromTheParser() {
    assertTrue(error("select * from where").startsWith("SQL syntax error at line 1, column 15: unexpected 'where'"));
  }

  @Test
  void statementThatIsNotAQuery() {
    assertEquals("expected a query, found CREATE TABLE", error("create table t (a int)"));
  }
}
