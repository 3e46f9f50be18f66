package io.gleam.sql.cases;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.sql.cases.SqlCase.SortMode;
import io.gleam.sql.catalog.Catalog;
import io.gleam.sql.engine.LocalSqlSession;
import io.gleam.sql.engine.StatementResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;

/**
 * Runs every case file under {@code src/test/resources/sqlcases/} (the format is in {@code sqlcases/README.md}):
 * one container per file, one test per record, the records of a file in order in one fresh
 * {@link LocalSqlSession} (names resolve in {@code main}; {@value #PARALLELISM} partitions per stage, so hash
 * exchanges and merges run). A failure names {@code file:line}.
 *
 * <p>Records marked {@code skipif} are skipped; {@code -Dgleam.sqlcases.runSkipped=true} runs them too.
 * {@code -Dgleam.sqlcases.files=joins.slt,nulls.slt} runs only those files.
 */
class SqlCasesTest {
  static final int PARALLELISM = 3;
  static final String DIR_VARIABLE = "${DIR}";

  @TestFactory
  Stream<DynamicNode> caseFiles() {
    return caseFilePaths().stream().map(SqlCasesTest::container);
  }

  /** The case files, sorted by name, narrowed by {@code gleam.sqlcases.files} when set. */
  static List<Path> caseFilePaths() {
    URL url = Objects.requireNonNull(SqlCasesTest.class.getResource("/sqlcases"), "missing test resource sqlcases");
    String only = System.getProperty("gleam.sqlcases.files", "");
    List<String> chosen = only.isBlank() ? List.of() : List.of(only.split(","));
    try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
      return files.filter(p -> p.getFileName().toString().endsWith(".slt"))
          .filter(p -> chosen.isEmpty() || chosen.contains(p.getFileName().toString()))
          .sorted(Comparator.comparing(Path::toString)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static DynamicNode container(Path path) {
    String name = path.getFileName().toString();
    URI source = sourceUri(path);
    SqlCaseFile file;
    try {
      file = SqlCaseFile.read(path);
    } catch (IllegalArgumentException e) {
      return DynamicTest.dynamicTest(name + ": cannot be parsed", source, () -> {
        throw new AssertionFailedError(e.getMessage());
      });
    }
    CaseRun run = new CaseRun();
    List<DynamicNode> tests = new ArrayList<>();
    for (SqlCase c : file.cases()) {
      URI at = URI.create(source + "?line=" + c.line());
      tests.add(DynamicTest.dynamicTest(c.title(), at, () -> run.play(name, c)));
    }
    tests.add(DynamicTest.dynamicTest("end: close the session", source, run::close));
    return DynamicContainer.dynamicContainer(name, source, tests.stream());
  }

  /** The file under src/test/resources when the tests run from the module, else the copy on the class path. */
  private static URI sourceUri(Path path) {
    Path source = Path.of("src/test/resources/sqlcases").resolve(path.getFileName().toString());
    return (Files.exists(source) ? source.toAbsolutePath() : path).toUri();
  }

  /** The session and the temporary directory of one case file, made when its first record runs. */
  private static final class CaseRun {
    private LocalSqlSession session;
    private Path dir;

    void play(String fileName, SqlCase c) throws IOException {
      String where = fileName + ":" + c.line();
      if (c.skip().isPresent() && !Boolean.getBoolean("gleam.sqlcases.runSkipped")) {
        Assumptions.abort(where + ": skipped: " + c.skip().get());
      }
      open();
      Optional<String> failure;
      try {
        failure = run(c);
      } catch (RuntimeException e) {
        failure = Optional.of("unexpected " + e);
      }
      if (c.knownFailure().isPresent()) {
        if (failure.isPresent()) {
          Assumptions.abort(where + ": known failure (" + c.knownFailure().get() + "): " + failure.get());
        }
        throw new AssertionFailedError(where + ": passes now; remove its known-failure mark ("
            + c.knownFailure().get() + ")");
      }
      if (failure.isPresent()) {
        throw new AssertionFailedError(where + ": " + failure.get() + "\n" + c.sql());
      }
    }

    private void open() throws IOException {
      if (session == null) {
        session = new LocalSqlSession(new Catalog(), List.of(Catalog.MAIN_SCHEMA), PARALLELISM);
        dir = Files.createTempDirectory("sqlcases");
      }
    }

    private Optional<String> run(SqlCase c) throws IOException {
      String sql = c.sql().replace(DIR_VARIABLE, dir.toString());
      switch (c.kind()) {
        case FILE:
          Path target = dir.resolve(c.fileName());
          Files.createDirectories(target.getParent());
          Files.writeString(target, sql, StandardCharsets.UTF_8);
          return Optional.empty();
        case STATEMENT:
          session.execute(sql);
          return Optional.empty();
        case ERROR:
          return checkError(c, sql);
        case QUERY:
          return checkRows(c, session.execute(sql));
      }
      throw new IllegalStateException("unknown record kind " + c.kind());
    }

    private Optional<String> checkError(SqlCase c, String sql) {
      try {
        StatementResult result = session.execute(sql);
        return Optional.of("expected an error containing '" + c.error() + "', got " + result.message());
      } catch (GleamException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (e.code().kind() == ErrorCode.Kind.INTERNAL_ERROR) {
          return Optional.of("expected a user error containing '" + c.error() + "', got an internal error: "
              + message);
        }
        String expected = c.error().replace(DIR_VARIABLE, dir.toString());
        if (!message.toLowerCase(Locale.ROOT).contains(expected.toLowerCase(Locale.ROOT))) {
          return Optional.of("expected an error containing '" + expected + "', got: " + message);
        }
        return Optional.empty();
      }
    }

    private static Optional<String> checkRows(SqlCase c, StatementResult result) {
      if (result.schema().isEmpty()) {
        return Optional.of("expected rows, got " + result.message());
      }
      Optional<String> types = SqlCaseValues.typeMismatch(c.types(), result.schema().get());
      if (types.isPresent()) {
        return types;
      }
      List<String> actual = new ArrayList<>();
      result.rows().forEach(r -> actual.add(SqlCaseValues.line(r.asList())));
      List<String> expected = new ArrayList<>(c.expected());
      if (c.sort() == SortMode.ROWSORT) {
        actual.sort(null);
        expected.sort(null);
      }
      if (actual.equals(expected)) {
        return Optional.empty();
      }
      return Optional.of("rows differ (" + c.sort().name().toLowerCase(Locale.ROOT) + ")\nexpected "
          + expected.size() + " rows:\n  " + String.join("\n  ", expected) + "\nactual " + actual.size()
          + " rows:\n  " + String.join("\n  ", actual));
    }

    void close() throws IOException {
      if (session != null) {
        session.close();
        try (Stream<Path> paths = Files.walk(dir)) {
          for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
        session = null;
      }
    }
  }
}
