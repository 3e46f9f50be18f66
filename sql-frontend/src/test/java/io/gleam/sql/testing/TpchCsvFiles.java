package io.gleam.sql.testing;

import io.gleam.connectors.tpch.TpchSource;
import io.gleam.connectors.tpch.TpchTables;
import io.gleam.planner.rows.ArrowValues;
import io.gleam.planner.spi.BatchStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The eight TPC-H tables at scale factor 0.01 (the rows of Gleam's {@code tpch.tiny}, from its dbgen-compatible
 * generator) written as CSV files with a header line, {@code |} between fields and no quoting, so that Gleam and
 * DuckDB can both read the same files. {@code lineitem} is a directory of {@value #LINEITEM_PARTS} part files and
 * {@code orders} {@value #ORDERS_PARTS} part files named by a glob, so multi-file tables are exercised; the other
 * tables are one file each.
 */
public final class TpchCsvFiles {
  public static final double SCALE_FACTOR = 0.01;
  public static final int LINEITEM_PARTS = 4;
  public static final int ORDERS_PARTS = 3;
  private static final Map<String, Integer> PARTS = Map.of("lineitem", LINEITEM_PARTS, "orders", ORDERS_PARTS);

  private TpchCsvFiles() {}

  /** The table names, as in {@link TpchTables#names()}. */
  public static List<String> tables() {
    return List.copyOf(TpchTables.names());
  }

  /** Writes every table under {@code dir}; batches are allocated from {@code allocator} and freed. */
  public static void write(Path dir, BufferAllocator allocator) {
    try {
      for (String table : tables()) {
        int parts = PARTS.getOrDefault(table, 1);
        if (parts == 1) {
          writePart(table, 0, 1, dir.resolve(table + ".csv"), allocator);
        } else {
          Path tableDir = Files.createDirectories(dir.resolve(table));
          for (int p = 0; p < parts; p++) {
            writePart(table, p, parts, tableDir.resolve(String.format("part-%04d.csv", p)), allocator);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The path a Gleam table over {@code table}'s files takes: a file, the {@code lineitem} directory, or a glob for
   * {@code orders}.
   */
  public static String gleamPath(String table, Path dir) {
    if (table.equals("lineitem")) {
      return dir.resolve(table).toString();
    } else if (PARTS.containsKey(table)) {
      return dir.resolve(table).resolve("part-*.csv").toString();
    }
    return dir.resolve(table + ".csv").toString();
  }

  /** {@code CREATE TABLE table (columns) WITH (format = 'csv', path = ..., header = true, delimiter, quote)}. */
  public static String gleamCreateTable(String table, Path dir) {
    return "CREATE TABLE " + table + " (" + columns(TpchTables.schema(table)) + ") WITH (format = 'csv', path = '"
        + gleamPath(table, dir) + "', header = true, delimiter = '|', quote = '')";
  }

  /** Creates every table in DuckDB and loads it from the files under {@code dir}. */
  public static void loadIntoDuckDb(Connection duckDb, Path dir) {
    loadIntoDuckDb(duckDb, dir, "");
  }

  /**
   * As {@link #loadIntoDuckDb(Connection, Path)}, with table names prefixed by {@code qualifier} (e.g.
   * {@code "tpch.tiny."} after {@code ATTACH ':memory:' AS tpch; CREATE SCHEMA tpch.tiny}).
   */
  public static void loadIntoDuckDb(Connection duckDb, Path dir, String qualifier) {
    try (Statement s = duckDb.createStatement()) {
      for (String table : tables()) {
        s.execute("CREATE TABLE " + qualifier + table + " (" + columns(TpchTables.schema(table)) + ")");
        for (Path file : files(table, dir)) {
          s.execute("COPY " + qualifier + table + " FROM '" + file + "' (DELIMITER '|', HEADER true, QUOTE '')");
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("DuckDB cannot load the TPC-H CSV files: " + e.getMessage(), e);
    }
  }

  private static List<Path> files(String table, Path dir) {
    if (!PARTS.containsKey(table)) {
      return List.of(dir.resolve(table + ".csv"));
    }
    try (Stream<Path> listed = Files.list(dir.resolve(table))) {
      return listed.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writePart(String table, int part, int parts, Path file, BufferAllocator allocator)
      throws IOException {
    Schema schema = TpchTables.schema(table);
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        BatchStream stream = TpchSource.open(table, SCALE_FACTOR, part, parts, allocator,
            TpchSource.DEFAULT_BATCH_ROWS)) {
      List<String> names = new ArrayList<>();
      schema.getFields().forEach(f -> names.add(f.getName()));
      out.write(String.join("|", names));
      out.write('\n');
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

  /**
   * Column definitions both Gleam and DuckDB take: BIGINT, INTEGER, DECIMAL(p, s), DATE, DOUBLE, VARCHAR, with
   * NOT NULL where the TPC-H schema has it (every column: the specification allows no NULLs).
   */
  public static String columns(Schema schema) {
    List<String> cols = new ArrayList<>();
    for (Field f : schema.getFields()) {
      ArrowType t = f.getType();
      String type;
      if (t instanceof ArrowType.Int i) {
        type = i.getBitWidth() == 64 ? "BIGINT" : "INTEGER";
      } else if (t instanceof ArrowType.Decimal d) {
        type = "DECIMAL(" + d.getPrecision() + ", " + d.getScale() + ")";
      } else if (t instanceof ArrowType.Date) {
        type = "DATE";
      } else if (t instanceof ArrowType.FloatingPoint) {
        type = "DOUBLE";
      } else {
        type = "VARCHAR";
      }
      cols.add(f.getName() + " " + type + (f.isNullable() ? "" : " NOT NULL"));
    }
    return String.join(", ", cols);
  }
}
