package io.gleam.sql.engine;

import static org.junit.jupiter.api.Assertions.fail;

import io.gleam.planner.Row;
import io.gleam.sql.catalog.Catalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs TPC-H queries end to end through {@link LocalSqlSession} over {@code tpch.tiny} and compares the rows with
 * DuckDB's answers over the same data. The default run covers {@link #SUPPORTED}; set
 * {@code -Dgleam.tpch.queries=all} (or a comma-separated list such as {@code q02,q11}) to try others.
 */
class TpchQueriesTest {
  /** The queries whose results match DuckDB's. */
  static final List<String> SUPPORTED = IntStream.rangeClosed(1, 22).mapToObj(i -> String.format("q%02d", i))
      .toList();

  private static DuckDbOracle duckDb;
  private static LocalSqlSession session;

  @BeforeAll
  static void start() {
    duckDb = new DuckDbOracle();
    session = new LocalSqlSession(new Catalog(), List.of(Catalog.TPCH_SCHEMA, "tiny"), 2);
  }

  @AfterAll
  static void stop() {
    session.close();
    duckDb.close();
  }

  static Stream<String> queries() {
    String chosen = System.getProperty("gleam.tpch.queries", "");
    if (chosen.equals("all")) {
      return IntStream.rangeClosed(1, 22).mapToObj(i -> String.format("q%02d", i));
    } else if (!chosen.isEmpty()) {
      return Arrays.stream(chosen.split(",")).map(String::trim);
    }
    return SUPPORTED.stream();
  }

  @ParameterizedTest
  @MethodSource("queries")
  void matchesDuckDb(String name) {
    String sql = resource("/tpch/" + name + ".sql");
    List<Row> actual = session.execute(sql).rows();
    List<List<Object>> expected = duckDb.query(sql);
    boolean ordered = sql.toLowerCase(Locale.ROOT).contains("order by");
    Optional<String> diff = ResultComparison.difference(actual, expected, ordered);
    diff.ifPresent(d -> fail(name + ": " + d));
  }

  static String resource(String path) {
    try (InputStream in = TpchQueriesTest.class.getResourceAsStream(path)) {
      Objects.requireNonNull(in, () -> "missing test resource " + path);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
