package io.gleam.benchmarks;

import io.gleam.connectors.tpch.TpchTables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.stream.Stream;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The eight TPC-H tables at one scale factor as CSV files, written once into {@code CACHE/sf<SF>/<table>/} and
 * reused by later runs. Gleam writes them itself, with {@code CREATE TABLE t WITH (format = 'csv', path = ...,
 * header = true) AS SELECT * FROM tpch.sf<SF>.t}: one part file per partition ({@code part-00000.csv}, ...), RFC
 * 4180, a header line, comma separated, quoted only where a value holds a comma or a quote. A table is written into
 * a temporary directory and renamed when complete, so an interrupted run never leaves a short table behind.
 */
final class TpchCsvFiles {
  /** The tables, smallest first. */
  static final List<String> TABLES = List.of("region", "nation", "supplier", "customer", "part", "partsupp",
      "orders", "lineitem");

  private final Path directory;

  private TpchCsvFiles(Path directory) {
    this.directory = directory;
  }

  /** The directory of {@code scaleFactor}'s files under {@code cache}, writing whichever table is missing. */
  static TpchCsvFiles ensure(Path cache, double scaleFactor) throws IOException, SQLException {
    Path dir = cache.resolve("sf" + scaleFactorText(scaleFactor));
    Files.createDirectories(dir);
    try (Connection gleam = DriverManager.getConnection("jdbc:gleam:local"); Statement s = gleam.createStatement()) {
      for (String table : TABLES) {
        Path tableDir = dir.resolve(table);
        if (Files.isDirectory(tableDir)) {
          continue;
        }
        Path partial = dir.resolve(table + ".partial");
        deleteRecursively(partial);
        long start = System.nanoTime();
        s.execute("CREATE TABLE " + table + " WITH (format = 'csv', path = '" + partial + "', header = true) AS "
            + "SELECT * FROM tpch.`sf" + scaleFactorText(scaleFactor) + "`." + table);
        Files.move(partial, tableDir, StandardCopyOption.ATOMIC_MOVE);
        long bytes = 0;
        for (Path part : new TpchCsvFiles(dir).parts(table)) {
          bytes += Files.size(part);
        }
        System.err.printf(Locale.ROOT, "wrote %s (%,d bytes) in %.1f s%n", tableDir, bytes,
            (System.nanoTime() - start) / 1e9);
      }
    }
    return new TpchCsvFiles(dir);
  }

  private static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> all = Files.walk(path)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  static String scaleFactorText(double scaleFactor) {
    return scaleFactor == Math.rint(scaleFactor) ? Long.toString((long) scaleFactor) : Double.toString(scaleFactor);
  }

  Path directory() {
    return directory;
  }

  /** The directory of {@code table}'s part files. */
  Path tableDirectory(String table) {
    return directory.resolve(table);
  }

  /** The part files of {@code table}, in name order. */
  List<Path> parts(String table) throws IOException {
    try (Stream<Path> files = Files.list(tableDirectory(table))) {
      List<Path> parts = files.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList();
      if (parts.isEmpty()) {
        throw new IOException("no .csv files in " + tableDirectory(table));
      }
      return parts;
    }
  }

  static Schema schema(String table) {
    return TpchTables.schema(table);
  }

  /** The SQL type of a TPC-H column, the same text for Gleam, DuckDB and Calcite. */
  static String sqlType(Field field) {
    ArrowType t = field.getType();
    if (t instanceof ArrowType.Int i) {
      return i.getBitWidth() == 64 ? "BIGINT" : "INTEGER";
    } else if (t instanceof ArrowType.Decimal d) {
      return "DECIMAL(" + d.getPrecision() + "," + d.getScale() + ")";
    } else if (t instanceof ArrowType.Date) {
      return "DATE";
    } else if (t instanceof ArrowType.Utf8) {
      return "VARCHAR";
    }
    throw new IllegalArgumentException("TPC-H column " + field.getName() + " has an unexpected type " + t);
  }

  /** {@code name TYPE NOT NULL, ...}: the column list of a {@code CREATE TABLE}. */
  static String columnDefinitions(String table) {
    StringJoiner columns = new StringJoiner(", ");
    for (Field f : schema(table).getFields()) {
      columns.add(f.getName() + " " + sqlType(f) + " NOT NULL");
    }
    return columns.toString();
  }

  /** {@code {'name': 'TYPE', ...}}: the {@code columns} argument of DuckDB's {@code read_csv}. */
  static String duckDbColumns(String table) {
    StringJoiner columns = new StringJoiner(", ", "{", "}");
    for (Field f : schema(table).getFields()) {
      columns.add("'" + f.getName() + "': '" + sqlType(f) + "'");
    }
    return columns.toString();
  }
}
