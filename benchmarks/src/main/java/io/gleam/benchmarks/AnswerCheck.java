package io.gleam.benchmarks;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Compares an engine's answer with a reference answer: numbers by value (within a given fraction of a unit in the
 * last place of a decimal, so that an average rounded to its SQL scale matches a double: half a unit for an engine
 * that rounds, one unit for one that truncates; otherwise within a relative 1e-9),
 * everything else by its trimmed text (dates print as {@code yyyy-mm-dd} in every engine); in order when the
 * query has an ORDER BY, else as multisets.
 */
final class AnswerCheck {
  private AnswerCheck() {}

  /**
   * A description of the first difference, or empty when the answers agree; a decimal may be off by
   * {@code lastPlaceUnits} units in its last place.
   */
  static Optional<String> difference(List<List<Object>> actual, List<List<Object>> expected, boolean ordered,
      double lastPlaceUnits) {
    List<List<Object>> a = new ArrayList<>(actual);
    List<List<Object>> e = new ArrayList<>(expected);
    if (a.size() != e.size()) {
      return Optional.of("expected " + e.size() + " rows, got " + a.size() + "; expected " + head(e) + ", got "
          + head(a));
    }
    if (!ordered) {
      Comparator<List<Object>> byText = Comparator.comparing(AnswerCheck::sortText);
      a.sort(byText);
      e.sort(byText);
    }
    for (int i = 0; i < a.size(); i++) {
      List<Object> ar = a.get(i);
      List<Object> er = e.get(i);
      if (ar.size() != er.size()) {
        return Optional.of("row " + (i + 1) + ": expected " + er.size() + " columns, got " + ar.size());
      }
      for (int c = 0; c < ar.size(); c++) {
        if (!same(ar.get(c), er.get(c), lastPlaceUnits)) {
          return Optional.of("row " + (i + 1) + " column " + (c + 1) + ": expected " + er.get(c) + ", got "
              + ar.get(c) + "; expected row " + er + ", got " + ar);
        }
      }
    }
    return Optional.empty();
  }

  static boolean same(Object actual, Object expected, double lastPlaceUnits) {
    if (actual == null || expected == null) {
      return actual == null && expected == null;
    }
    if (actual instanceof Number a && expected instanceof Number e) {
      double x = a.doubleValue();
      double y = e.doubleValue();
      double tolerance = 1e-9 * Math.max(Math.abs(x), Math.abs(y));
      if (a instanceof BigDecimal d) {
        tolerance = Math.max(tolerance, lastPlaceUnits * Math.pow(10, -d.scale()) + 1e-12);
      }
      if (e instanceof BigDecimal d) {
        tolerance = Math.max(tolerance, lastPlaceUnits * Math.pow(10, -d.scale()) + 1e-12);
      }
      return Math.abs(x - y) <= tolerance + 1e-12;
    }
    return actual.toString().trim().equals(expected.toString().trim());
  }

  private static String head(List<List<Object>> rows) {
    return rows.subList(0, Math.min(3, rows.size())).toString();
  }

  /** A text that sorts equal values together, numbers rounded so that both sides sort alike. */
  private static String sortText(List<Object> row) {
    StringBuilder sb = new StringBuilder();
    for (Object v : row) {
      if (v instanceof Number n) {
        sb.append(String.format(Locale.ROOT, "%.4e", n.doubleValue()));
      } else {
        sb.append(v == null ? "<null>" : v.toString().trim());
      }
      sb.append('|');
    }
    return sb.toString();
  }
}
