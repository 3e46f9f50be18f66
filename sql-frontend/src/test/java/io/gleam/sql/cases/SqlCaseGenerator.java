package io.gleam.sql.cases;

import io.gleam.sql.cases.SqlCase.SortMode;
import io.gleam.sql.testing.DuckDbQueries;
import io.gleam.sql.testing.TpchCsvFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Fills the expected rows of case files from DuckDB, never from Gleam. Run it once after writing or changing a
 * case, then read the diff:
 *
 * <pre>
 * mvn -o test -pl sql-frontend -Dtest=SqlCaseGenerator -Dgleam.sqlcases.regenerate=joins.slt,nulls.slt
 * </pre>
 *
 * <p>({@code -Dgleam.sqlcases.regenerate=all} for every file.) Each file's records play in order on a fresh
 * in-memory DuckDB: {@code file} records are written into a temporary directory, statements run, and every query
 * not marked {@code hand-checked} gets DuckDB's rows in place of the lines after its {@code ----} (sorted when the
 * query is {@code rowsort}). A statement or query DuckDB rejects (Gleam's DDL, EXPLAIN, SHOW ...) is left as
 * written and listed in the test's output; errors are never generated. The source files under
 * {@code src/test/resources/sqlcases} are rewritten.
 */
class SqlCaseGenerator {
  @Test
  void regenerate() throws Exception {
    String files = System.getProperty("gleam.sqlcases.regenerate", "");
    Assumptions.assumeFalse(files.isBlank(), "set -Dgleam.sqlcases.regenerate=FILE,... to regenerate");
    Path sourceDir = Path.of("src/test/resources/sqlcases");
    List<Path> paths = new ArrayList<>();
    if (files.equals("all")) {
      try (Stream<Path> listed = Files.list(sourceDir)) {
        listed.filter(p -> p.toString().endsWith(".slt")).sorted().forEach(paths::add);
      }
    } else {
      for (String f : files.split(",")) {
        paths.add(sourceDir.resolve(f.trim()));
      }
    }
    List<String> notes = new ArrayList<>();
    for (Path path : paths) {
      notes.addAll(regenerate(path));
    }
    notes.forEach(System.err::println);
  }

  /** Rewrites the expected rows of {@code path} from DuckDB; returns notes on the records it left as written. */
  static List<String> regenerate(Path path) throws IOException, SQLException {
    SqlCaseFile file = SqlCaseFile.read(path);
    String name = path.getFileName().toString();
    List<String> lines = new ArrayList<>(file.lines());
    List<String> notes = new ArrayList<>();
    Path dir = Files.createTempDirectory("sqlcases-duckdb");
    // Replacements go bottom-up so that earlier line ranges stay valid.
    List<Object[]> replacements = new ArrayList<>();
    try (Connection duckDb = DriverManager.getConnection("jdbc:duckdb:")) {
      if (file.lines().stream().anyMatch(l -> l.toLowerCase(Locale.ROOT).contains("tpch.tiny."))) {
        loadTpchTiny(duckDb, dir);
      }
      for (SqlCase c : file.cases()) {
        String sql = c.sql().replace(SqlCasesTest.DIR_VARIABLE, dir.toString());
        String where = name + ":" + c.line();
        switch (c.kind()) {
          case FILE:
            Path target = dir.resolve(c.fileName());
            Files.createDirectories(target.getParent());
            Files.writeString(target, sql, StandardCharsets.UTF_8);
            break;
          case STATEMENT:
            try (Statement s = duckDb.createStatement()) {
              s.execute(DuckDbQueries.forDuckDb(sql));
            } catch (SQLException e) {
              notes.add(where + ": DuckDB cannot run the statement, left as written: " + firstLine(e));
            }
            break;
          case ERROR:
            break;
          case QUERY:
            if (c.handChecked()) {
              break;
            }
            try {
              List<String> rows = new ArrayList<>();
              DuckDbQueries.query(duckDb, sql).forEach(r -> rows.add(SqlCaseValues.line(r)));
              if (c.sort() == SortMode.ROWSORT) {
                rows.sort(null);
              }
              replacements.add(new Object[] {c.resultLines(), rows});
            } catch (IllegalStateException e) {
              notes.add(where + ": DuckDB cannot run the query, left as written: " + firstLine(e));
            }
            break;
        }
      }
    } finally {
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    for (int i = replacements.size() - 1; i >= 0; i--) {
      int[] range = (int[]) replacements.get(i)[0];
      @SuppressWarnings("unchecked")
      List<String> rows = (List<String>) replacements.get(i)[1];
      List<String> region = lines.subList(range[0], range[1]);
      region.clear();
      region.addAll(rows);
    }
    Files.write(path, lines, StandardCharsets.UTF_8);
    return notes;
  }

  /** Loads Gleam's {@code tpch.tiny} rows into DuckDB's database {@code tpch}, schema {@code tiny}. */
  private static void loadTpchTiny(Connection duckDb, Path dir) throws IOException, SQLException {
    try (Statement s = duckDb.createStatement()) {
      s.execute("ATTACH ':memory:' AS tpch");
      s.execute("CREATE SCHEMA tpch.tiny");
    }
    Path tpchDir = Files.createDirectories(dir.resolve("tpch-tiny"));
    try (BufferAllocator allocator = new RootAllocator()) {
      TpchCsvFiles.write(tpchDir, allocator);
    }
    TpchCsvFiles.loadIntoDuckDb(duckDb, tpchDir, "tpch.tiny.");
  }

  private static String firstLine(Exception e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    return message.lines().findFirst().orElse("");
  }
}
