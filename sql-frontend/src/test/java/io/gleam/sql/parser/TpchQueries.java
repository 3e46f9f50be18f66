package io.gleam.sql.parser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * TPC-H queries as the specification gives them, with the validation substitution parameters: the same files the
 * planning and execution tests use ({@code src/test/resources/tpch/qNN.sql}).
 */
final class TpchQueries {
  /** Q1, pricing summary report: interval arithmetic on a date, aggregates, GROUP BY, ORDER BY. */
  static final String Q1 = load(1);
  /** Q4, order priority checking: a correlated EXISTS and a month interval. */
  static final String Q4 = load(4);
  /** Q9, product type profit: EXTRACT, LIKE, a derived table, ORDER BY DESC. */
  static final String Q9 = load(9);
  /** Q12, shipping modes: CASE, IN, a year interval. */
  static final String Q12 = load(12);
  /** Q19, discounted revenue: the join key inside each OR branch. */
  static final String Q19 = load(19);
  /** Q22, global sales opportunity: SUBSTRING, IN, a scalar subquery, NOT EXISTS. */
  static final String Q22 = load(22);

  private TpchQueries() {}

  static String load(int query) {
    String name = String.format("/tpch/q%02d.sql", query);
    try (InputStream in = TpchQueries.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("no test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
