package io.gleam.sql.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** The 22 TPC-H queries, the test resources {@code tpch/q01.sql} ... {@code tpch/q22.sql}. */
public final class TpchQueryTexts {
  private TpchQueryTexts() {}

  /** Query names q01 ... q22. */
  public static Stream<String> names() {
    return IntStream.rangeClosed(1, 22).mapToObj(i -> String.format("q%02d", i));
  }

  /** The text of query {@code name}, e.g. {@code q01}. */
  public static String sql(String name) {
    String path = "/tpch/" + name + ".sql";
    try (InputStream in = TpchQueryTexts.class.getResourceAsStream(path)) {
      Objects.requireNonNull(in, () -> "missing test resource " + path);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether the query's result is ordered (it has an ORDER BY), so rows must match in order. */
  public static boolean ordered(String sql) {
    return sql.toLowerCase(Locale.ROOT).contains("order by");
  }
}
