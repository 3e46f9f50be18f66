package io.gleam.exec.rows;

import java.util.List;

/** Estimates the heap bytes a Java row takes, for memory reservations. */
public final class RowSizes {
  private RowSizes() {}

  public static long estimate(Object[] row) {
    long size = 16 + 8L * row.length;
    for (Object v : row) {
      size += valueSize(v);
    }
    return size;
  }

  private static long valueSize(Object v) {
    if (v == null) {
      return 0;
    } else if (v instanceof String s) {
      return 48 + s.length();
    } else if (v instanceof List<?> l) {
      long n = 40 + 8L * l.size();
      for (Object e : l) {
        n += valueSize(e);
      }
      return n;
    } else if (v instanceof java.math.BigDecimal) {
      return 64;
    }
    return 16;
  }
}
