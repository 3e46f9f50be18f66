package io.gleam.jdbc;

import static org.junit.jupiter.api.Assertions.fail;

import io.gleam.sql.catalog.Catalog;
import io.gleam.sql.engine.LocalSqlSession;
import io.gleam.sql.testing.DuckDbQueries;
import io.gleam.sql.testing.ResultRows;
import io.gleam.sql.testing.TpchCsvFiles;
import io.gleam.sql.testing.TpchQueryTexts;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The 22 TPC-H queries over the built-in {@code tpch.tiny} schema through the embedded JDBC driver (a session whose
 * unqualified names resolve in {@code tpch.tiny}), compared with DuckDB's answers over the same rows written as CSV
 * files.
 */
class TestTpchTinyOverJdbc {
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
    SessionFactory tiny = catalogDir -> new LocalSqlSession(new Catalog(), List.of(Catalog.TPCH_SCHEMA, "tiny"), 2);
    gleam = Driver.withSessionFactory(tiny).connect("jdbc:gleam:local", new Properties());
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

  @ParameterizedTest
  @MethodSource("queries")
  void matchesDuckDb(String name) throws Exception {
    String sql = TpchQueryTexts.sql(name);
    List<List<Object>> actual;
    try (Statement s = gleam.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      actual = JdbcRows.read(rs);
    }
    ResultRows.difference(actual, DuckDbQueries.query(duckDb, sql), TpchQueryTexts.ordered(sql))
        .ifPresent(d -> fail(name + ": " + d));
  }
}
