package io.gleam.exec.exchange;

import io.gleam.exec.ComputeSlots;
import io.gleam.exec.rows.RowComparator;
import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.planner.plan.SortKey;
import io.gleam.planner.plan.StageOutput;
import java.util.ArrayList;
import java.util.List;

/**
 * The split points of a range exchange, agreed once at run time: every producer publishes a sample of its sort
 * keys ({@link RangeSample}), and when the last one has, the boundaries are chosen so that each consumer partition
 * gets about the same share of the sampled rows (each sample row weighs the rows its producer saw per row it kept).
 * A key goes to the first partition whose upper boundary is not below it, by binary search with the comparator the
 * sort operator uses (NULL order included), so equal keys always meet in one partition and partition {@code i}
 * holds only keys that sort before those of partition {@code i + 1}.
 */
public final class RangeBoundaries {
  private final StageOutput.Range output;
  private final int producers;
  private final RowComparator keyOrder;
  private final List<Object[]> keys = new ArrayList<>();
  private final List<Double> weights = new ArrayList<>();
  private int published;
  private volatile Object[][] bounds;
  private volatile boolean cancelled;

  public RangeBoundaries(StageOutput.Range output, int producers) {
    this.output = output;
    this.producers = producers;
    this.keyOrder = keyOrder(output.order());
  }

  /** The order of key rows: a row's sort-key values, in the order's sequence. */
  static RowComparator keyOrder(List<SortKey> order) {
    List<SortKey> onKeys = new ArrayList<>();
    for (int i = 0; i < order.size(); i++) {
      SortKey k = order.get(i);
      onKeys.add(new SortKey(i, k.direction(), k.nulls()));
    }
    return new RowComparator(onKeys);
  }

  public StageOutput.Range output() {
    return output;
  }

  /** One producer's sample: its key rows and how many rows it saw while sampling (0 for an empty producer). */
  public synchronized void publish(List<Object[]> sample, long rowsSeen) {
    if (published >= producers) {
      throw new GleamException(ErrorCode.INTERNAL, "range exchange " + output.describe() + ": more samples than its "
          + producers + " producers");
    }
    double weight = sample.isEmpty() ? 0 : (double) rowsSeen / sample.size();
    for (Object[] k : sample) {
      keys.add(k);
      weights.add(weight);
    }
    if (++published == producers) {
      bounds = choose();
      keys.clear();
      weights.clear();
      notifyAll();
    }
  }

  private Object[][] choose() {
    int n = output.partitions();
    Integer[] byKey = new Integer[keys.size()];
    double total = 0;
    for (int i = 0; i < byKey.length; i++) {
      byKey[i] = i;
      total += weights.get(i);
    }
    java.util.Arrays.sort(byKey, (a, b) -> keyOrder.compare(keys.get(a), keys.get(b)));
    List<Object[]> chosen = new ArrayList<>();
    double step = total / n;
    double cumulative = 0;
    for (int i = 0; i < byKey.length && chosen.size() < n - 1; i++) {
      Object[] key = keys.get(byKey[i]);
      cumulative += weights.get(byKey[i]);
      boolean distinct = chosen.isEmpty() || keyOrder.compare(key, chosen.get(chosen.size() - 1)) > 0;
      if (cumulative >= step * (chosen.size() + 1) && distinct) {
        chosen.add(key);
      }
    }
    return chosen.toArray(new Object[0][]);
  }

  /** True once every producer has published. */
  public boolean ready() {
    return bounds != null;
  }

  /** Waits, without holding a compute slot, until every producer has published. */
  public void await(ComputeSlots slots) {
    if (bounds != null) {
      return;
    }
    try {
      slots.blocking(() -> {
        synchronized (this) {
          while (bounds == null && !cancelled) {
            wait(50);
          }
        }
        return null;
      });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GleamException(ErrorCode.CANCELLED, "interrupted waiting for the boundaries of "
          + output.describe());
    }
    if (bounds == null) {
      throw new GleamException(ErrorCode.CANCELLED, "range exchange " + output.describe() + " was cancelled");
    }
  }

  /** The consumer partition of a key row; only after {@link #ready()}. */
  public int partitionOf(Object[] key) {
    Object[][] b = bounds;
    int lo = 0;
    int hi = b.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (keyOrder.compare(key, b[mid]) <= 0) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  /** The chosen upper boundaries (partitions - 1 of them at most), for tests and explain output. */
  public List<Object[]> boundaries() {
    Object[][] b = bounds;
    return b == null ? List.of() : List.of(b);
  }

  void cancel() {
    cancelled = true;
    synchronized (this) {
      notifyAll();
    }
  }
}
