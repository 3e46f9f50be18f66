package io.gleam.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.gleam.sql.testing.DuckDbQueries;
import io.gleam.sql.testing.ResultRows;
import io.gleam.sql.testing.TpchCsvFiles;
import io.gleam.sql.testing.TpchQueryTexts;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The 22 TPC-H queries over CSV files through the embedded JDBC driver: the tables of scale factor 0.01 are written
 * as CSV files ({@code lineitem} as a directory of part files, {@code orders} as a glob over part files), declared
 * with {@code CREATE TABLE ... WITH (format = 'csv', ...)} over {@code jdbc:gleam:local}, and every answer is
 * compared with DuckDB's over the same files.
 */
class TestTpchOverCsvFiles {
  /**
   * Queries that fail today, with the reason. They still run: a failure is reported as skipped, and a pass fails
   * the test so that the entry is removed.
   */
  static final Map<String, String> KNOWN_FAILURES = Map.of();

  @TempDir
  static Path dir;
  private static Connection duckDb;
  private static Connection gleam;

  @BeforeAll
  static void start() throws Exception {
    try (BufferAllocator allocator = new RootAllocator()) {
      TpchCsvFiles.write(dir, allocator);
    }
    duckDb = DriverManager.getConnection("jdbc:duckdb:");
    TpchCsvFiles.loadIntoDuckDb(duckDb, dir);
    gleam = Driver.withSessionFactory(SessionFactories.local()).connect("jdbc:gleam:local", new Properties());
    try (Statement s = gleam.createStatement()) {
      for (String table : TpchCsvFiles.tables()) {
        s.executeUpdate(TpchCsvFiles.gleamCreateTable(table, dir));
      }
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (gleam != null) {
      gleam.close();
    }
    if (duckDb != null) {
      duckDb.close();
    }
  }

  static Stream<String> queries() {
    return TpchQueryTexts.names();
  }

  @Test
  void everyRowOfEveryFileIsReadOnce() throws Exception {
    for (String table : TpchCsvFiles.tables()) {
      String sql = "select count(*) from " + table;
      try (Statement s = gleam.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        assertEquals(DuckDbQueries.query(duckDb, sql).toString(), JdbcRows.read(rs).toString(), table);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("queries")
  void matchesDuckDb(String name) {
    String sql = TpchQueryTexts.sql(name);
    Optional<String> difference;
    try (Statement s = gleam.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      difference = ResultRows.difference(JdbcRows.read(rs), DuckDbQueries.query(duckDb, sql),
          TpchQueryTexts.ordered(sql));
    } catch (SQLException e) {
      difference = Optional.of("failed: " + e.getMessage().lines().findFirst().orElse("") + " caused by "
          + e.getCause());
    }
    String knownFailure = KNOWN_FAILURES.get(name);
    if (knownFailure == null) {
      difference.ifPresent(d -> fail(name + ": " + d));
    } else if (difference.isPresent()) {
      Assumptions.abort(name + " is a known failure (" + knownFailure + "): " + difference.get());
    } else {
      fail(name + " passes now: remove it from KNOWN_FAILURES");
    }
  }
}
