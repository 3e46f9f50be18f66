package io.gleam.sql.engine;

import io.gleam.sql.testing.DuckDbQueries;
import io.gleam.sql.testing.TpchCsvFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * DuckDB as an independent query engine to check Gleam's answers: an in-memory database holding the TPC-H tables
 * at scale factor 0.01, the rows of Gleam's {@code tpch.tiny}. DuckDB's own {@code dbgen} is an extension that is
 * downloaded on first use, so the rows come from Gleam's dbgen-compatible generator, copied in through CSV files
 * ({@link TpchCsvFiles}); the queries' answers are DuckDB's alone.
 */
final class DuckDbOracle implements AutoCloseable {
  private final Connection connection;

  DuckDbOracle() {
    try {
      connection = DriverManager.getConnection("jdbc:duckdb:");
      Path dir = Files.createTempDirectory("tpch-tiny");
      try (BufferAllocator allocator = new RootAllocator()) {
        TpchCsvFiles.write(dir, allocator);
        TpchCsvFiles.loadIntoDuckDb(connection, dir);
      } finally {
        deleteTree(dir);
      }
    } catch (SQLException | IOException e) {
      throw new IllegalStateException("cannot start DuckDB with TPC-H data: " + e.getMessage(), e);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** The rows of {@code sql} (see {@link DuckDbQueries#query}). */
  List<List<Object>> query(String sql) {
    return DuckDbQueries.query(connection, sql);
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
