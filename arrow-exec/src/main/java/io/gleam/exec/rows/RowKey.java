package io.gleam.exec.rows;

import java.util.Arrays;

/** The key columns of a row as a hash map key; NULLs are equal to each other (grouping semantics). */
public final class RowKey {
  private final Object[] values;
  private final int hash;

  public RowKey(Object[] values) {
    this.values = values;
    this.hash = Arrays.hashCode(values);
  }

  public static RowKey of(Object[] row, int[] columns) {
    Object[] k = new Object[columns.length];
    for (int i = 0; i < columns.length; i++) {
      k[i] = row[columns[i]];
    }
    return new RowKey(k);
  }

  public Object[] values() {
    return values;
  }

  public boolean hasNull() {
    for (Object v : values) {
      if (v == null) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RowKey k && k.hash == hash && Arrays.equals(values, k.values);
  }

  @Override
  public int hashCode() {
    return hash;
  }
}
