package io.gleam.sql.engine;

import io.gleam.connectors.tpch.TpchSource;
import io.gleam.connectors.tpch.TpchTables;
import io.gleam.planner.rows.ArrowValues;
import io.gleam.planner.spi.BatchStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * DuckDB as an independent query engine to check Gleam's answers: an in-memory database holding the TPC-H tables
 * at scale factor 0.01, the rows of Gleam's {@code tpch.tiny}. DuckDB's own {@code dbgen} is an extension that is
 * downloaded on first use, so the rows come from Gleam's dbgen-compatible generator, copied in through CSV files;
 * the queries' answers are DuckDB's alone.
 */
final class DuckDbOracle implements AutoCloseable {
  private final Connection connection;

  DuckDbOracle() {
    try {
      connection = DriverManager.getConnection("jdbc:duckdb:");
      Path dir = Files.createTempDirectory("tpch-tiny");
      try (Statement s = connection.createStatement(); BufferAllocator allocator = new RootAllocator()) {
        for (String table : TpchTables.names()) {
          Path csv = dir.resolve(table + ".csv");
          Schema schema = TpchTables.schema(table);
          writeCsv(table, schema, csv, allocator);
          s.execute("CREATE TABLE " + table + " (" + columns(schema) + ")");
          s.execute("COPY " + table + " FROM '" + csv + "' (DELIMITER '|', HEADER false, QUOTE '')");
          Files.delete(csv);
        }
      } finally {
        Files.deleteIfExists(dir);
      }
    } catch (SQLException | IOException e) {
      throw new IllegalStateException("cannot start DuckDB with TPC-H data: " + e.getMessage(), e);
    }
  }

  private static void writeCsv(String table, Schema schema, Path csv, BufferAllocator allocator)
      throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
        BatchStream stream = TpchSource.open(table, 0.01, 0, 1, allocator, TpchSource.DEFAULT_BATCH_ROWS)) {
      Optional<VectorSchemaRoot> batch;
      while ((batch = stream.next()).isPresent()) {
        try (VectorSchemaRoot b = batch.get()) {
          for (int i = 0; i < b.getRowCount(); i++) {
            for (int c = 0; c < schema.getFields().size(); c++) {
              if (c > 0) {
                out.write('|');
              }
              Object v = ArrowValues.get(b.getVector(c), i);
              out.write(v == null ? "" : v.toString());
            }
            out.write('\n');
          }
        }
      }
    }
  }

  private static String columns(Schema schema) {
    List<String> cols = new ArrayList<>();
    for (Field f : schema.getFields()) {
      ArrowType t = f.getType();
      String type;
      if (t instanceof ArrowType.Int i) {
        type = i.getBitWidth() == 64 ? "BIGINT" : "INTEGER";
      } else if (t instanceof ArrowType.Decimal d) {
        type = "DECIMAL(" + d.getPrecision() + "," + d.getScale() + ")";
      } else if (t instanceof ArrowType.Date) {
        type = "DATE";
      } else if (t instanceof ArrowType.FloatingPoint) {
        type = "DOUBLE";
      } else {
        type = "VARCHAR";
      }
      cols.add(f.getName() + " " + type);
    }
    return String.join(", ", cols);
  }

  /** The rows of {@code sql}, after rewriting the few spellings DuckDB does not take (see {@link #forDuckDb}). */
  List<List<Object>> query(String sql) {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(forDuckDb(sql))) {
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
  static String forDuckDb(String sql) {
    return sql.replaceAll("(?i)(interval\\s+'[^']*'\\s+\\w+)\\s*\\(\\s*\\d+\\s*\\)", "$1").replace('`', '"');
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
