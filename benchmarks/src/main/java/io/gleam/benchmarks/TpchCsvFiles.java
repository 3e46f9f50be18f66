package io.gleam.benchmarks;

import io.gleam.connectors.tpch.TpchTables;
import io.gleam.planner.Flow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The eight TPC-H tables at one scale factor as CSV files ({@code <table>.csv}, RFC 4180, a header line, comma
 * separated, quoted only where a value holds a comma or a quote), written once into {@code CACHE/sf<SF>/} by a Gleam
 * flow (the {@code tpch} connector's dbgen rows through Gleam's CSV writer) and reused by later runs. A file is
 * written under a temporary name and renamed when complete, so an interrupted run never leaves a short file.
 */
final class TpchCsvFiles {
  /** The tables, smallest first. */
  static final List<String> TABLES = List.of("region", "nation", "supplier", "customer", "part", "partsupp",
      "orders", "lineitem");

  private final Path directory;

  private TpchCsvFiles(Path directory) {
    this.directory = directory;
  }

  /** The directory of {@code scaleFactor}'s files under {@code cache}, writing whichever file is missing. */
  static TpchCsvFiles ensure(Path cache, double scaleFactor, int parallelism) throws IOException {
    Path dir = cache.resolve("sf" + scaleFactorText(scaleFactor));
    Files.createDirectories(dir);
    for (String table : TABLES) {
      Path file = dir.resolve(table + ".csv");
      if (Files.exists(file)) {
        continue;
      }
      Path partial = dir.resolve(table + ".csv.partial");
      Files.deleteIfExists(partial);
      long start = System.nanoTime();
      Flow flow = Flow.create("tpch-csv-" + table).parallelism(parallelism);
      flow.readTpch(table, scaleFactor, parallelism, TpchTables.schema(table)).writeCsv(partial.toString());
      flow.run();
      Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
      System.err.printf(Locale.ROOT, "wrote %s (%,d bytes) in %.1f s%n", file, Files.size(file),
          (System.nanoTime() - start) / 1e9);
    }
    return new TpchCsvFiles(dir);
  }

  static String scaleFactorText(double scaleFactor) {
    return scaleFactor == Math.rint(scaleFactor) ? Long.toString((long) scaleFactor) : Double.toString(scaleFactor);
  }

  Path directory() {
    return directory;
  }

  Path file(String table) {
    return directory.resolve(table + ".csv");
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
