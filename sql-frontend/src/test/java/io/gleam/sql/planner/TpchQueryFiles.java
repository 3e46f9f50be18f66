package io.gleam.sql.planner;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The 22 TPC-H queries (test resources {@code tpch/q01.sql} ... {@code tpch/q22.sql}, the specification's text with
 * its validation parameters) and their golden optimized plans ({@code tpch/plans/q01.plan} ...).
 *
 * <p>Run the tests with {@code -Dgleam.updateGoldens=true} to rewrite the golden plans from the current planner.
 */
final class TpchQueryFiles {
  private static final Path GOLDEN_DIR = Path.of("src/test/resources/tpch/plans");

  private TpchQueryFiles() {}

  /** Query names q01 ... q22. */
  static Stream<String> names() {
    return IntStream.rangeClosed(1, 22).mapToObj(i -> String.format("q%02d", i));
  }

  static String sql(String name) {
    return resource("/tpch/" + name + ".sql");
  }

  /** Compares {@code actual} with the golden plan of query {@code name}, or rewrites it when asked to. */
  static String goldenPlan(String name, String actual) {
    if (Boolean.getBoolean("gleam.updateGoldens")) {
      try {
        Files.createDirectories(GOLDEN_DIR);
        Files.writeString(GOLDEN_DIR.resolve(name + ".plan"), actual, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return actual;
    }
    return resource("/tpch/plans/" + name + ".plan");
  }

  private static String resource(String path) {
    try (InputStream in = TpchQueryFiles.class.getResourceAsStream(path)) {
      Objects.requireNonNull(in, () -> "missing test resource " + path);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
