package io.gleam.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The driver over the real engine session, with a catalog in memory. */
class TestLocalEngine {
  private Connection connection;

  @BeforeEach
  void connect() throws Exception {
    connection = Driver.withSessionFactory(SessionFactories.local()).connect("jdbc:gleam:local", new Properties());
  }

  @AfterEach
  void close() throws Exception {
    connection.close();
  }

  @Test
  void expressionsAndTypes() throws Exception {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT 1 + 1 AS two, CAST(2.5 AS DECIMAL(5, 2)) AS d,"
            + " DATE '2024-01-02' AS dt, 'x' AS s")) {
      assertTrue(rs.next());
      assertEquals(2, rs.getInt("two"));
      assertEquals(new BigDecimal("2.50"), rs.getBigDecimal("d"));
      assertEquals(Types.DECIMAL, rs.getMetaData().getColumnType(2));
      assertEquals(LocalDate.of(2024, 1, 2), rs.getDate("dt").toLocalDate());
      assertEquals("x", rs.getString("s"));
      assertFalse(rs.next());
    }
  }

  @Test
  void preparedQueryOverTpch() throws Exception {
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT n_name FROM tpch.tiny.nation WHERE n_nationkey < ? AND n_name <> ? ORDER BY n_nationkey")) {
      ps.setLong(1, 3);
      ps.setString(2, "BRAZIL");
      List<String> names = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
      assertEquals(List.of("ALGERIA", "ARGENTINA"), names);
    }
  }

  @Test
  void errorThenSuccess() throws Exception {
    try (Statement s = connection.createStatement()) {
      SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM no_such_table"));
      assertTrue(e.getMessage().contains("no_such_table"), e.getMessage());
      try (ResultSet rs = s.executeQuery("VALUES 1")) {
        assertTrue(rs.next());
        assertEquals(1, rs.getInt(1));
      }
    }
  }

  @Test
  void metadataFromTheCatalog() throws Exception {
    DatabaseMetaData md = connection.getMetaData();
    List<String> schemas = new ArrayList<>();
    try (ResultSet rs = md.getSchemas()) {
      while (rs.next()) {
        schemas.add(rs.getString("TABLE_SCHEM"));
      }
    }
    assertTrue(schemas.containsAll(List.of("main", "tpch", "tpch.tiny")), schemas.toString());
    try (ResultSet rs = md.getTables(null, "tpch.tiny", "nation", null)) {
      assertTrue(rs.next());
      assertEquals("TABLE", rs.getString("TABLE_TYPE"));
    }
    try (ResultSet rs = md.getColumns(null, "tpch.tiny", "nation", "n_%key")) {
      assertTrue(rs.next());
      assertEquals("n_nationkey", rs.getString("COLUMN_NAME"));
      assertEquals(Types.BIGINT, rs.getInt("DATA_TYPE"));
      assertTrue(rs.next());
      assertEquals("n_regionkey", rs.getString("COLUMN_NAME"));
      assertFalse(rs.next());
    }
  }

  @Test
  void viewsAreCreatedWithExecuteUpdateAndListed() throws Exception {
    try (Statement s = connection.createStatement()) {
      assertEquals(0, s.executeUpdate("CREATE VIEW small_nations AS SELECT n_name FROM tpch.tiny.nation"
          + " WHERE n_nationkey < 2"));
    }
    try (ResultSet rs = connection.getMetaData().getTables(null, "main", "%", null)) {
      assertTrue(rs.next());
      assertEquals("small_nations", rs.getString("TABLE_NAME"));
      assertEquals("VIEW", rs.getString("TABLE_TYPE"));
      assertFalse(rs.next());
    }
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM small_nations")) {
      assertTrue(rs.next());
      assertTrue(rs.next());
      assertFalse(rs.next());
    }
  }
}
