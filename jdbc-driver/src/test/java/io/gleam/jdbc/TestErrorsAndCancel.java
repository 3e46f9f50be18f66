package io.gleam.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gleam.planner.Row;
import io.gleam.sql.engine.StatementResult;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TestErrorsAndCancel {
  private final FakeSqlSession session = new FakeSqlSession()
      .answer("VALUES 1", StatementResult.rows(Schemas.of(Schemas.column("EXPR$0", Schemas.INT)),
          List.of(Row.of(1))))
      .blockUntilCancelled("SELECT * FROM slow");
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
  void errorCarriesTheEngineMessageAndTheConnectionKeepsWorking() throws Exception {
    try (Statement s = connection.createStatement()) {
      SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM missing"));
      assertTrue(e.getMessage().contains("Object 'missing' not found"), e.getMessage());
      try (ResultSet rs = s.executeQuery("VALUES 1")) {
        assertTrue(rs.next());
        assertEquals(1, rs.getInt(1));
      }
    }
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("VALUES 1")) {
      assertTrue(rs.next());
    }
  }

  @Test
  void cancelStopsTheRunningStatement() throws Exception {
    Statement s = connection.createStatement();
    CompletableFuture<ResultSet> running = CompletableFuture.supplyAsync(() -> {
      try {
        return s.executeQuery("SELECT * FROM slow");
      } catch (SQLException e) {
        throw new RuntimeException(e);
      }
    });
    assertTrue(session.awaitStarted());
    s.cancel();
    ExecutionException e = assertThrows(ExecutionException.class, () -> running.get(30, TimeUnit.SECONDS));
    assertTrue(e.getCause().getCause() instanceof SQLException, String.valueOf(e.getCause()));
    assertTrue(e.getCause().getMessage().contains("query cancelled"), e.getCause().getMessage());
    try (Statement again = connection.createStatement(); ResultSet rs = again.executeQuery("VALUES 1")) {
      assertTrue(rs.next());
    }
  }
}
