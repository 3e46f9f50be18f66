package io.gleam.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gleam.planner.Row;
import io.gleam.sql.engine.StatementResult;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TestPreparedStatements {
  private final FakeSqlSession session = new FakeSqlSession();
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
  void parametersBecomeTypedLiterals() throws Exception {
    String bound = "SELECT * FROM t WHERE a = 42 AND b = 'O''Brien' AND c = 12.50 AND d = DATE '2024-03-01'"
        + " AND e = TRUE AND f = 2.5E0 AND g IS NOT DISTINCT FROM NULL AND h = TIMESTAMP '2024-03-01 10:20:30.400'"
        + " AND i = '?'";
    session.answer(bound, StatementResult.rows(Schemas.of(Schemas.column("a", Schemas.BIGINT)),
        List.of(Row.of(42L))));
    try (PreparedStatement ps = connection.prepareStatement("SELECT * FROM t WHERE a = ? AND b = ? AND c = ?"
        + " AND d = ? AND e = ? AND f = ? AND g IS NOT DISTINCT FROM ? AND h = ? AND i = '?'")) {
      assertEquals(8, ps.getParameterMetaData().getParameterCount());
      ps.setLong(1, 42);
      ps.setString(2, "O'Brien");
      ps.setBigDecimal(3, new BigDecimal("12.50"));
      ps.setDate(4, Date.valueOf("2024-03-01"));
      ps.setBoolean(5, true);
      ps.setDouble(6, 2.5);
      ps.setNull(7, Types.VARCHAR);
      ps.setTimestamp(8, Timestamp.valueOf("2024-03-01 10:20:30.4"));
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        assertEquals(42L, rs.getLong(1));
        assertEquals(Types.BIGINT, rs.getMetaData().getColumnType(1));
      }
    }
    assertEquals(bound, session.executed().get(session.executed().size() - 1));
  }

  @Test
  void preparedStatementRunsAgainWithNewValues() throws Exception {
    session.answer("INSERT INTO t VALUES (1, 'a')", StatementResult.update(1, "inserted 1 row"))
        .answer("INSERT INTO t VALUES (2, 'b')", StatementResult.update(1, "inserted 1 row"));
    try (PreparedStatement ps = connection.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
      ps.setInt(1, 1);
      ps.setString(2, "a");
      assertEquals(1, ps.executeUpdate());
      ps.setInt(1, 2);
      ps.setString(2, "b");
      assertEquals(1, ps.executeUpdate());
    }
    assertEquals(List.of("INSERT INTO t VALUES (1, 'a')", "INSERT INTO t VALUES (2, 'b')"), session.executed());
  }

  @Test
  void placeholdersInQuotesAndCommentsAreNotParameters() {
    assertEquals(1, ParameterBinder.count("SELECT '?', \"a?\" -- ?\n, /* ? */ ? FROM t"));
    assertEquals(0, ParameterBinder.count("SELECT 'it''s ?'"));
  }

  @Test
  void unsetParameterIsAnError() throws Exception {
    try (PreparedStatement ps = connection.prepareStatement("SELECT ? + ?")) {
      ps.setInt(1, 1);
      assertThrows(SQLException.class, ps::executeQuery);
    }
  }
}
