package io.gleam.sql.testing;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Compares a query's rows with an oracle's: numbers by value (a decimal within half a unit of its last place, so
 * that an average rounded to its SQL scale matches the oracle's double; doubles within a relative 1e-9), dates and
 * text by their text; in order when the query has an ORDER BY, else as multisets.
 */
public final class ResultRows {
  private ResultRows() {}

  /** A description of the first difference, or empty when the results agree. */
  public static Optional<String> difference(List<List<Object>> actual, List<List<Object>> expected,
      boolean ordered) {
    List<List<Object>> a = new ArrayList<>(actual);
    List<List<Object>> e = new ArrayList<>(expected);
    if (a.size() != e.size()) {
      return Optional.of("expected " + e.size() + " rows, got " + a.size() + "\nexpected: " + head(e)
          + "\nactual:   " + head(a));
    }
    if (!ordered) {
      Comparator<List<Object>> byText = Comparator.comparing(ResultRows::sortText);
      a.sort(byText);
      e.sort(byText);
    }
    for (int i = 0; i < a.size(); i++) {
      List<Object> ar = a.get(i);
      List<Object> er = e.get(i);
      if (ar.size() != er.size()) {
        return Optional.of("row " + i + ": expected " + er.size() + " columns, got " + ar.size());
      }
      for (int c = 0; c < ar.size(); c++) {
        if (!same(ar.get(c), er.get(c))) {
          return Optional.of("row " + i + " column " + c + ": expected " + er.get(c) + ", got " + ar.get(c)
              + "\nexpected row: " + er + "\nactual row:   " + ar);
        }
      }
    }
    return Optional.empty();
  }

  private static String head(List<List<Object>> rows) {
    return rows.subList(0, Math.min(5, rows.size())).toString();
  }

  /** A text that sorts equal values together, with numbers rounded so both sides sort alike. */
  private static String sortText(List<Object> row) {
    StringBuilder sb = new StringBuilder();
    for (Object v : row) {
      if (v instanceof Number n) {
        sb.append(String.format("%.4e", n.doubleValue()));
      } else {
        sb.append(v == null ? "<null>" : v.toString().trim());
      }
      sb.append('|');
    }
    return sb.toString();
  }

  /** Whether two values agree: both null, numbers within the tolerance above, or the same trimmed text. */
  public static boolean same(Object actual, Object expected) {
    if (actual == null || expected == null) {
      return actual == null && expected == null;
    }
    if (actual instanceof Number a && expected instanceof Number e) {
      double x = a.doubleValue();
      double y = e.doubleValue();
      double tolerance = 1e-9 * Math.max(Math.abs(x), Math.abs(y));
      if (a instanceof BigDecimal d) {
        tolerance = Math.max(tolerance, 0.5 * Math.pow(10, -d.scale()) + 1e-12);
      }
      return Math.abs(x - y) <= tolerance + 1e-12;
    }
    return actual.toString().trim().equals(expected.toString().trim());
  }
}
