package io.gleam.exec.rows;

import io.gleam.planner.plan.SortKey;
import java.util.Comparator;
import java.util.List;

/**
 * Compares Java rows by sort keys. Strings compare by code point, which is the byte order of their UTF-8 form;
 * NULLs go where each key's null order says.
 */
public final class RowComparator implements Comparator<Object[]> {
  private final SortKey[] keys;

  public RowComparator(List<SortKey> keys) {
    this.keys = keys.toArray(new SortKey[0]);
  }

  /** Ascending on the first {@code n} columns, nulls last: the order of hash keys in spill runs. */
  public static RowComparator keyPrefix(int n) {
    SortKey[] k = new SortKey[n];
    for (int i = 0; i < n; i++) {
      k[i] = SortKey.asc(i);
    }
    return new RowComparator(List.of(k));
  }

  @Override
  public int compare(Object[] a, Object[] b) {
    for (SortKey k : keys) {
      Object x = a[k.column()];
      Object y = b[k.column()];
      int c;
      if (x == null || y == null) {
        if (x == y) {
          continue;
        }
        c = (x == null) == (k.nulls() == SortKey.NullOrder.FIRST) ? -1 : 1;
        return c;
      }
      c = compareValues(x, y);
      if (c != 0) {
        return k.direction() == SortKey.Direction.DESC ? -c : c;
      }
    }
    return 0;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  public static int compareValues(Object x, Object y) {
    if (x instanceof String s && y instanceof String t) {
      return compareCodePoints(s, t);
    }
    if (x instanceof Long l && y instanceof Long m) {
      return Long.compare(l, m);
    }
    if (x instanceof Number n && y instanceof Number m && !(x instanceof java.math.BigDecimal)) {
      return Double.compare(n.doubleValue(), m.doubleValue());
    }
    return ((Comparable) x).compareTo(y);
  }

  private static int compareCodePoints(String s, String t) {
    int n = Math.min(s.length(), t.length());
    for (int i = 0; i < n; i++) {
      char a = s.charAt(i);
      char b = t.charAt(i);
      if (a != b) {
        boolean sa = Character.isSurrogate(a);
        boolean sb = Character.isSurrogate(b);
        if (sa != sb) {
          return sa ? 1 : -1;
        }
        return a - b;
      }
    }
    return s.length() - t.length();
  }
}
