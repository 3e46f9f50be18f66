package io.gleam.planner;

import java.util.Arrays;
import java.util.List;

/**
 * One row handed to or returned by user code. Values are {@code Long}, {@code Integer}, {@code Double},
 * {@code String}, {@code Boolean}, {@code java.time.LocalDate}, {@code java.math.BigDecimal},
 * {@code java.util.List} (for grouped values) or {@code null}.
 */
public final class Row {
  private final Object[] values;

  private Row(Object[] values) {
    this.values = values;
  }

  public static Row of(Object... values) {
    return new Row(values.clone());
  }

  /** Wraps the array without copying; the caller hands it over. */
  public static Row wrap(Object[] values) {
    return new Row(values);
  }

  public static Row ofList(List<?> values) {
    return new Row(values.toArray());
  }

  public int size() {
    return values.length;
  }

  public Object get(int i) {
    return values[i];
  }

  public String getString(int i) {
    Object v = values[i];
    return v == null ? null : v.toString();
  }

  public long getLong(int i) {
    return ((Number) values[i]).longValue();
  }

  public double getDouble(int i) {
    return ((Number) values[i]).doubleValue();
  }

  /** Returns a copy of the values. */
  public Object[] values() {
    return values.clone();
  }

  /**
   * The backing array, without a copy: for the engine taking over a row user code returned. User code must not
   * change a row after returning it.
   */
  public Object[] unwrap() {
    return values;
  }

  public List<Object> asList() {
    return Arrays.asList(values.clone());
  }

  public Row select(int... columns) {
    Object[] out = new Object[columns.length];
    for (int i = 0; i < columns.length; i++) {
      out[i] = values[columns[i]];
    }
    return new Row(out);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Row r && Arrays.equals(values, r.values);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return Arrays.toString(values);
  }
}
