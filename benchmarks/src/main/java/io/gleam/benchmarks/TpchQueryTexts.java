package io.gleam.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The TPC-H query texts ({@code q01.sql} ... {@code q22.sql}) read from a directory, by default the one the SQL
 * tests use ({@code sql-frontend/src/test/resources/tpch}), so the benchmark and the tests run the same text.
 */
final class TpchQueryTexts {
  private TpchQueryTexts() {}

  /** All 22 names, {@code q01} ... {@code q22}. */
  static List<String> allNames() {
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= 22; i++) {
      names.add(String.format(Locale.ROOT, "q%02d", i));
    }
    return names;
  }

  /** The texts of {@code names}, in that order; a missing file fails naming it. */
  static Map<String, String> read(Path directory, List<String> names) {
    Map<String, String> texts = new LinkedHashMap<>();
    for (String name : names) {
      Path file = directory.resolve(name + ".sql");
      try {
        texts.put(name, Files.readString(file, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read TPC-H query " + name + " from " + file + ": " + e, e);
      }
    }
    return texts;
  }

  /** Whether the answer's row order is part of the answer. */
  static boolean ordered(String sql) {
    return sql.toLowerCase(Locale.ROOT).contains("order by");
  }

  /**
   * The query as DuckDB takes it: without the interval precision of the TPC-H text ({@code interval '90' day (3)}),
   * and with identifiers quoted by double quotes instead of back-ticks.
   */
  static String forDuckDb(String sql) {
    return sql.replaceAll("(?i)(interval\\s+'[^']*'\\s+\\w+)\\s*\\(\\s*\\d+\\s*\\)", "$1").replace('`', '"');
  }
}
