package io.gleam.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gleam.planner.Row;
import io.gleam.sql.engine.StatementResult;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TestDatabaseMetaData {
  private final FakeSqlSession session = new FakeSqlSession()
      .answer("SHOW SCHEMAS", StatementResult.rows(Schemas.of(Schemas.column("name", Schemas.VARCHAR)),
          List.of(Row.of("tpch"), Row.of("main"))))
      .answer("SHOW TABLES FROM `main`", StatementResult.rows(Schemas.of(Schemas.column("name", Schemas.VARCHAR),
          Schemas.column("type", Schemas.VARCHAR)), List.of(Row.of("orders", "table"), Row.of("big", "view"))))
      .answer("SHOW TABLES FROM `tpch`", StatementResult.rows(Schemas.of(Schemas.column("name", Schemas.VARCHAR)),
          List.of(Row.of("nation"))))
      .answer("DESCRIBE `main`.`orders`", StatementResult.rows(
          Schemas.of(Schemas.column("column", Schemas.VARCHAR), Schemas.column("type", Schemas.VARCHAR)),
          List.of(Row.of("id", "BIGINT NOT NULL"), Row.of("price", "DECIMAL(12, 2)"), Row.of("note", "VARCHAR"),
              Row.of("day", "DATE"))));
  private Connection connection;

  @BeforeEach
  void connect() throws Exception {
    connection = Driver.withSessionFactory(dir -> session).connect("jdbc:gleam:local", new Properties());
  }

  @AfterEach
  void close() throws Exception {
    connection.close();
  }

  @Test
  void schemasComeFromShowSchemas() throws Exception {
    try (ResultSet rs = connection.getMetaData().getSchemas()) {
      assertEquals(List.of("main", "tpch"), strings(rs, "TABLE_SCHEM"));
    }
    try (ResultSet rs = connection.getMetaData().getSchemas(null, "tp%")) {
      assertEquals(List.of("tpch"), strings(rs, "TABLE_SCHEM"));
    }
  }

  @Test
  void tablesComeFromShowTables() throws Exception {
    DatabaseMetaData md = connection.getMetaData();
    try (ResultSet rs = md.getTables(null, null, "%", null)) {
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME") + ":" + rs.getString("TABLE_TYPE"));
      }
      assertEquals(List.of("main.orders:TABLE", "tpch.nation:TABLE", "main.big:VIEW"), rows);
    }
    try (ResultSet rs = md.getTables(null, "main", "o%", new String[] {"TABLE"})) {
      assertEquals(List.of("orders"), strings(rs, "TABLE_NAME"));
    }
  }

  @Test
  void columnsComeFromDescribe() throws Exception {
    try (ResultSet rs = connection.getMetaData().getColumns(null, "main", "orders", null)) {
      assertTrue(rs.next());
      assertEquals("id", rs.getString("COLUMN_NAME"));
      assertEquals(Types.BIGINT, rs.getInt("DATA_TYPE"));
      assertEquals(DatabaseMetaData.columnNoNulls, rs.getInt("NULLABLE"));
      assertEquals("NO", rs.getString("IS_NULLABLE"));
      assertEquals(1, rs.getInt("ORDINAL_POSITION"));
      assertTrue(rs.next());
      assertEquals("price", rs.getString("COLUMN_NAME"));
      assertEquals(Types.DECIMAL, rs.getInt("DATA_TYPE"));
      assertEquals("DECIMAL", rs.getString("TYPE_NAME"));
      assertEquals(12, rs.getInt("COLUMN_SIZE"));
      assertEquals(2, rs.getInt("DECIMAL_DIGITS"));
      assertEquals(DatabaseMetaData.columnNullable, rs.getInt("NULLABLE"));
      assertTrue(rs.next());
      assertEquals(Types.VARCHAR, rs.getInt("DATA_TYPE"));
      assertTrue(rs.next());
      assertEquals(Types.DATE, rs.getInt("DATA_TYPE"));
      assertEquals(4, rs.getInt("ORDINAL_POSITION"));
      assertFalse(rs.next());
    }
    try (ResultSet rs = connection.getMetaData().getColumns(null, "main", "orders", "p%")) {
      assertEquals(List.of("price"), strings(rs, "COLUMN_NAME"));
    }
  }

  @Test
  void typeInfoListsTheEngineTypes() throws Exception {
    try (ResultSet rs = connection.getMetaData().getTypeInfo()) {
      List<String> names = strings(rs, "TYPE_NAME");
      assertTrue(names.containsAll(List.of("BIGINT", "INTEGER", "DOUBLE", "DECIMAL", "DATE", "TIMESTAMP", "VARCHAR",
          "BOOLEAN")), names.toString());
    }
  }

  @Test
  void driverDescribesItself() throws Exception {
    DatabaseMetaData md = connection.getMetaData();
    assertEquals("Gleam JDBC Driver", md.getDriverName());
    assertEquals("Gleam", md.getDatabaseProductName());
    assertEquals("jdbc:gleam:local", md.getURL());
    assertEquals("`", md.getIdentifierQuoteString());
    assertTrue(md.storesLowerCaseIdentifiers());
  }

  private static List<String> strings(ResultSet rs, String column) throws Exception {
    List<String> out = new ArrayList<>();
    while (rs.next()) {
      out.add(rs.getString(column));
    }
    return out;
  }
}
