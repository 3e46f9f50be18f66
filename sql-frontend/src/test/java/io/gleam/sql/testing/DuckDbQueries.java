package io.gleam.sql.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Runs a query on DuckDB, the independent engine whose answers Gleam's are checked against. */
public final class DuckDbQueries {
  private DuckDbQueries() {}

  /** The rows of {@code sql}, after rewriting the few spellings DuckDB does not take (see {@link #forDuckDb}). */
  public static List<List<Object>> query(Connection duckDb, String sql) {
    try (Statement s = duckDb.createStatement(); ResultSet rs = s.executeQuery(forDuckDb(sql))) {
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
      throw new IllegalStateException("DuckDB cannot run the query: " + e.getMessage() + "\n" + sql, e);
    }
  }

  /**
   * Drops the interval precision of the TPC-H text ({@code interval '90' day (3)}), which DuckDB does not parse,
   * and quotes identifiers with double quotes instead of Gleam's back-ticks.
   */
  public static String forDuckDb(String sql) {
    return sql.replaceAll("(?i)(interval\\s+'[^']*'\\s+\\w+)\\s*\\(\\s*\\d+\\s*\\)", "$1").replace('`', '"');
  }
}
