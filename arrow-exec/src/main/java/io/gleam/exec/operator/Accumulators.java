package io.gleam.exec.operator;

import io.gleam.exec.rows.RowComparator;
import io.gleam.exec.udf.ValueCombiner;
import io.gleam.planner.plan.AggCall;
import io.gleam.planner.plan.AggregateSchemas;
import io.gleam.planner.plan.Reducer;
import java.math.BigDecimal;
import java.util.List;

/**
 * The per-key state of an aggregate, laid out as the partial schema's state columns: SUM keeps the sum, COUNT the
 * count, MIN/MAX the extreme, AVG a double sum and a count; a user reducer keeps the value columns. Knows how to
 * fold a raw input row or another state into a state, and how to finish a state into output values.
 */
final class Accumulators {
  private final List<AggCall> calls;  // an ArrayList: indexed on every row
  private final ValueCombiner user;
  private final int[] valueColumns;
  private final int stateWidth;

  Accumulators(Reducer reducer, ValueCombiner user, int inputColumns, int[] keys) {
    this.user = user;
    if (reducer instanceof Reducer.Builtin b) {
      this.calls = new java.util.ArrayList<>(b.calls());
      int w = 0;
      for (AggCall c : calls) {
        w += c.function() == io.gleam.planner.plan.AggFunction.AVG ? 2 : 1;
      }
      this.stateWidth = w;
      this.valueColumns = new int[0];
    } else {
      this.calls = List.of();
      this.valueColumns = AggregateSchemas.valueColumns(inputColumns, keys);
      this.stateWidth = valueColumns.length;
    }
  }

  int stateWidth() {
    return stateWidth;
  }

  /** A state holding one raw input row. */
  Object[] init(Object[] row) {
    if (user != null) {
      Object[] s = new Object[valueColumns.length];
      for (int i = 0; i < s.length; i++) {
        s[i] = row[valueColumns[i]];
      }
      return s;
    }
    Object[] s = new Object[stateWidth];
    int j = 0;
    for (AggCall c : calls) {
      Object v = c.column() < 0 ? Boolean.TRUE : row[c.column()];
      switch (c.function()) {
        case SUM -> s[j++] = v == null ? null : widen(v);
        case COUNT -> s[j++] = v == null ? 0L : 1L;
        case MIN, MAX -> s[j++] = v;
        case AVG -> {
          s[j++] = v == null ? 0.0 : ((Number) v).doubleValue();
          s[j++] = v == null ? 0L : 1L;
        }
      }
    }
    return s;
  }

  /** Folds a raw input row into {@code state}; returns the new state (may be the same array). */
  Object[] addRow(Object[] state, Object[] row) {
    if (user != null) {
      return user.combine(state, init(row));
    }
    int j = 0;
    for (int i = 0; i < calls.size(); i++) {
      AggCall c = calls.get(i);
      Object v = c.column() < 0 ? Boolean.TRUE : row[c.column()];
      switch (c.function()) {
        case SUM -> {
          if (v != null) {
            state[j] = add(state[j], v);
          }
          j++;
        }
        case COUNT -> {
          if (v != null) {
            state[j] = (Long) state[j] + 1;
          }
          j++;
        }
        case MIN -> {
          state[j] = pick(state[j], v, true);
          j++;
        }
        case MAX -> {
          state[j] = pick(state[j], v, false);
          j++;
        }
        case AVG -> {
          if (v != null) {
            state[j] = (Double) state[j] + ((Number) v).doubleValue();
            state[j + 1] = (Long) state[j + 1] + 1;
          }
          j += 2;
        }
      }
    }
    return state;
  }

  /** Folds another state into {@code state}. */
  Object[] merge(Object[] state, Object[] other) {
    if (user != null) {
      return user.combine(state, other);
    }
    int j = 0;
    for (AggCall c : calls) {
      switch (c.function()) {
        case SUM -> {
          state[j] = add(state[j], other[j]);
          j++;
        }
        case COUNT -> {
          state[j] = (Long) state[j] + (Long) other[j];
          j++;
        }
        case MIN -> {
          state[j] = pick(state[j], other[j], true);
          j++;
        }
        case MAX -> {
          state[j] = pick(state[j], other[j], false);
          j++;
        }
        case AVG -> {
          state[j] = (Double) state[j] + ((Number) other[j]).doubleValue();
          state[j + 1] = (Long) state[j + 1] + ((Number) other[j + 1]).longValue();
          j += 2;
        }
      }
    }
    return state;
  }

  /** The output values of a finished state. */
  Object[] finish(Object[] state) {
    if (user != null) {
      return state;
    }
    Object[] out = new Object[calls.size()];
    int j = 0;
    for (int i = 0; i < calls.size(); i++) {
      if (calls.get(i).function() == io.gleam.planner.plan.AggFunction.AVG) {
        long n = ((Number) state[j + 1]).longValue();
        out[i] = n == 0 ? null : ((Number) state[j]).doubleValue() / n;
        j += 2;
      } else {
        out[i] = state[j++];
      }
    }
    return out;
  }

  private static Object widen(Object v) {
    if (v instanceof Integer i) {
      return (long) i;
    }
    return v;
  }

  private static Object add(Object a, Object b) {
    if (a == null) {
      return b == null ? null : widen(b);
    }
    if (b == null) {
      return a;
    }
    if (a instanceof Long x && (b instanceof Long || b instanceof Integer)) {
      return Math.addExact(x, ((Number) b).longValue());
    }
    if (a instanceof BigDecimal x) {
      return x.add(b instanceof BigDecimal y ? y : new BigDecimal(b.toString()));
    }
    return ((Number) a).doubleValue() + ((Number) b).doubleValue();
  }

  private static Object pick(Object a, Object b, boolean min) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    int c = RowComparator.compareValues(a, b);
    return (min ? c <= 0 : c >= 0) ? a : b;
  }
}
