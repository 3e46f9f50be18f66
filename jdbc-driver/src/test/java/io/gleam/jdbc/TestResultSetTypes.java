package io.gleam.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gleam.planner.Row;
import io.gleam.sql.engine.StatementResult;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TestResultSetTypes {
  private static final String QUERY = "SELECT * FROM orders";

  private final FakeSqlSession session = new FakeSqlSession().answer(QUERY, StatementResult.rows(
      Schemas.of(Schemas.notNull("id", Schemas.BIGINT), Schemas.column("qty", Schemas.INT),
          Schemas.column("weight", Schemas.DOUBLE), Schemas.column("price", Schemas.decimal(10, 2)),
          Schemas.column("shipped", Schemas.DATE), Schemas.column("seen", Schemas.TIMESTAMP),
          Schemas.column("note", Schemas.VARCHAR), Schemas.column("urgent", Schemas.BOOLEAN)),
      List.of(
          Row.of(7L, 3, 1.5, new BigDecimal("12.5"), LocalDate.of(2024, 2, 29),
              LocalDateTime.of(2024, 2, 29, 13, 45, 10, 123_000_000), "it's fine", true),
          Row.of(8L, null, null, null, null, null, null, null))));
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
  void columnTypesComeFromTheArrowSchema() throws Exception {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(QUERY)) {
      ResultSetMetaData md = rs.getMetaData();
      assertEquals(8, md.getColumnCount());
      int[] expected = {Types.BIGINT, Types.INTEGER, Types.DOUBLE, Types.DECIMAL, Types.DATE, Types.TIMESTAMP,
          Types.VARCHAR, Types.BOOLEAN};
      for (int i = 0; i < expected.length; i++) {
        assertEquals(expected[i], md.getColumnType(i + 1), md.getColumnName(i + 1));
      }
      assertEquals("id", md.getColumnLabel(1));
      assertEquals("price", md.getColumnName(4));
      assertEquals(10, md.getPrecision(4));
      assertEquals(2, md.getScale(4));
      assertEquals(ResultSetMetaData.columnNoNulls, md.isNullable(1));
      assertEquals(ResultSetMetaData.columnNullable, md.isNullable(2));
    }
  }

  @Test
  void valuesReadThroughTypedGetters() throws Exception {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(QUERY)) {
      assertTrue(rs.next());
      assertEquals(7L, rs.getLong("id"));
      assertEquals(3, rs.getInt("qty"));
      assertEquals(1.5, rs.getDouble("weight"));
      BigDecimal price = rs.getBigDecimal("price");
      assertEquals(new BigDecimal("12.50"), price);
      assertEquals(2, price.scale());
      assertEquals(LocalDate.of(2024, 2, 29), rs.getDate("shipped").toLocalDate());
      assertEquals(LocalDateTime.of(2024, 2, 29, 13, 45, 10, 123_000_000),
          rs.getTimestamp("seen").toLocalDateTime());
      assertEquals("it's fine", rs.getString("note"));
      assertTrue(rs.getBoolean("urgent"));
      assertEquals(7L, rs.getObject(1));
      assertEquals(java.sql.Date.valueOf("2024-02-29"), rs.getObject("shipped"));
      assertFalse(rs.wasNull());
    }
  }

  @Test
  void nullsReadAsNullOrZeroWithWasNull() throws Exception {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(QUERY)) {
      assertTrue(rs.next());
      assertTrue(rs.next());
      assertEquals(0, rs.getInt("qty"));
      assertTrue(rs.wasNull());
      assertEquals(0.0, rs.getDouble("weight"));
      assertTrue(rs.wasNull());
      assertNull(rs.getBigDecimal("price"));
      assertNull(rs.getDate("shipped"));
      assertNull(rs.getTimestamp("seen"));
      assertNull(rs.getString("note"));
      assertFalse(rs.getBoolean("urgent"));
      assertTrue(rs.wasNull());
      assertEquals(8L, rs.getLong("id"));
      assertFalse(rs.wasNull());
      assertFalse(rs.next());
    }
  }

  @Test
  void maxRowsLimitsTheResult() throws Exception {
    try (Statement s = connection.createStatement()) {
      s.setMaxRows(1);
      try (ResultSet rs = s.executeQuery(QUERY)) {
        assertTrue(rs.next());
        assertFalse(rs.next());
      }
    }
  }

  @Test
  void updatesReturnTheirCount() throws Exception {
    session.answer("CREATE TABLE t (x INT)", StatementResult.update(-1, "created table t"))
        .answer("INSERT INTO t VALUES (1), (2)", StatementResult.update(2, "inserted 2 rows"));
    try (Statement s = connection.createStatement()) {
      assertEquals(0, s.executeUpdate("CREATE TABLE t (x INT)"));
      assertEquals(2, s.executeUpdate("INSERT INTO t VALUES (1), (2)"));
      assertFalse(s.execute("INSERT INTO t VALUES (1), (2)"));
      assertEquals(2, s.getUpdateCount());
      assertTrue(s.execute(QUERY));
      try (ResultSet rs = s.getResultSet()) {
        assertTrue(rs.next());
      }
    }
  }

  @Test
  void sessionIsOpenedWithTheUrlsCatalogAndClosedWithTheConnection() throws Exception {
    Optional<java.nio.file.Path>[] seen = new Optional[1];
    FakeSqlSession own = new FakeSqlSession();
    Driver driver = Driver.withSessionFactory(dir -> {
      seen[0] = dir;
      return own;
    });
    try (Connection c = driver.connect("jdbc:gleam:local:/tmp/gleam-catalog", new Properties())) {
      assertEquals(Optional.of(java.nio.file.Path.of("/tmp/gleam-catalog")), seen[0]);
      assertFalse(own.isClosed());
    }
    assertTrue(own.isClosed());
  }
}
