package io.gleam.benchmarks;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

/**
 * An engine reached through JDBC in this process: Gleam's embedded driver ({@code jdbc:gleam:local}) or DuckDB's
 * ({@code jdbc:duckdb:}), each over the TPC-H CSV files or over tables loaded in memory from them. A query past its
 * time limit is cancelled with {@link Statement#cancel()} from a timer thread.
 */
final class JdbcContender implements SqlContender {
  private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "query-time-limit");
    t.setDaemon(true);
    return t;
  });

  private final String id;
  private final Connection connection;
  private final UnaryOperator<String> dialect;

  private JdbcContender(String id, Connection connection, UnaryOperator<String> dialect) {
    this.id = id;
    this.connection = connection;
    this.dialect = dialect;
  }

  /** Gleam over the CSV files: one {@code CREATE TABLE ... WITH (format = 'csv', ...)} per table. */
  static JdbcContender gleamCsv(TpchCsvFiles files) throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:gleam:local");
    try (Statement s = c.createStatement()) {
      for (String table : TpchCsvFiles.TABLES) {
        s.execute(gleamCsvTable(table, table, files.tableDirectory(table)));
      }
    }
    return new JdbcContender("gleam-csv", c, UnaryOperator.identity());
  }

  /**
   * Gleam over managed in-memory tables: {@code CREATE TABLE t AS SELECT * FROM} a CSV table, which is dropped
   * afterwards.
   */
  static JdbcContender gleamMemory(TpchCsvFiles files) throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:gleam:local");
    try (Statement s = c.createStatement()) {
      for (String table : TpchCsvFiles.TABLES) {
        s.execute(gleamCsvTable("csv_" + table, table, files.tableDirectory(table)));
        s.execute("CREATE TABLE " + table + " AS SELECT * FROM csv_" + table);
        s.execute("DROP TABLE csv_" + table);
      }
    }
    return new JdbcContender("gleam-memory", c, UnaryOperator.identity());
  }

  private static String gleamCsvTable(String name, String table, Path file) {
    return "CREATE TABLE " + name + " (" + TpchCsvFiles.columnDefinitions(table) + ") WITH (format = 'csv', path = '"
        + file + "', header = true)";
  }

  /** DuckDB over the CSV files: a view over {@code read_csv} with the same column types, per table. */
  static JdbcContender duckDbCsv(TpchCsvFiles files, int threads) throws SQLException {
    Connection c = duckDb(threads);
    try (Statement s = c.createStatement()) {
      for (String table : TpchCsvFiles.TABLES) {
        s.execute("CREATE VIEW " + table + " AS SELECT * FROM " + readCsv(files, table));
      }
    }
    return new JdbcContender("duckdb-csv", c, TpchQueryTexts::forDuckDb);
  }

  /** DuckDB over its own native tables, loaded from the CSV files. */
  static JdbcContender duckDbNative(TpchCsvFiles files, int threads) throws SQLException {
    Connection c = duckDb(threads);
    try (Statement s = c.createStatement()) {
      for (String table : TpchCsvFiles.TABLES) {
        s.execute("CREATE TABLE " + table + " AS SELECT * FROM " + readCsv(files, table));
      }
    }
    return new JdbcContender("duckdb-native", c, TpchQueryTexts::forDuckDb);
  }

  private static Connection duckDb(int threads) throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement s = c.createStatement()) {
      s.execute("SET threads = " + threads);
    }
    return c;
  }

  private static String readCsv(TpchCsvFiles files, String table) {
    return String.format(Locale.ROOT, "read_csv('%s', header = true, delim = ',', quote = '\"', escape = '\"', "
        + "auto_detect = false, columns = %s)", files.tableDirectory(table).resolve("*.csv"), TpchCsvFiles.duckDbColumns(table));
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public List<List<Object>> query(String name, String sql, double limitSeconds) throws Exception {
    try (Statement s = connection.createStatement()) {
      AtomicBoolean cancelled = new AtomicBoolean();
      ScheduledFuture<?> limit = TIMER.schedule(() -> {
        cancelled.set(true);
        try {
          s.cancel();
        } catch (SQLException e) {
          throw new IllegalStateException(id + " " + name + ": cannot cancel: " + e.getMessage(), e);
        }
      }, (long) (limitSeconds * 1000), TimeUnit.MILLISECONDS);
      try (ResultSet rs = s.executeQuery(dialect.apply(sql))) {
        int n = rs.getMetaData().getColumnCount();
        List<List<Object>> rows = new ArrayList<>();
        while (rs.next()) {
          List<Object> row = new ArrayList<>(n);
          for (int i = 1; i <= n; i++) {
            row.add(rs.getObject(i));
          }
          rows.add(row);
        }
        return rows;
      } catch (SQLException e) {
        if (cancelled.get()) {
          throw new QueryTimeoutException(id + " " + name + " ran past the limit of " + limitSeconds + " s");
        }
        throw e;
      } finally {
        limit.cancel(false);
      }
    }
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
