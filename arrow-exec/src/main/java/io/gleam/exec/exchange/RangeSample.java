package io.gleam.exec.exchange;

import io.gleam.planner.plan.SortKey;
import io.gleam.planner.rows.ArrowValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * One range producer's sample of its sort keys: a reservoir of {@code size} key rows over the first
 * {@code window} rows it produces (all of them when it produces fewer). Memory: the reservoir's key values.
 */
final class RangeSample {
  private final List<SortKey> order;
  private final int size;
  private final long window;
  private final Random random;
  private final List<Object[]> reservoir = new ArrayList<>();
  private long seen;

  RangeSample(List<SortKey> order, int size, long window, long seed) {
    this.order = order;
    this.size = size;
    this.window = window;
    this.random = new Random(seed);
  }

  /** Samples the batch's rows while the window lasts. */
  void add(VectorSchemaRoot batch) {
    List<FieldVector> vectors = batch.getFieldVectors();
    int rows = batch.getRowCount();
    for (int r = 0; r < rows && seen < window; r++) {
      seen++;
      if (reservoir.size() < size) {
        reservoir.add(key(vectors, order, r));
      } else {
        long j = (long) (random.nextDouble() * seen);
        if (j < size) {
          reservoir.set((int) j, key(vectors, order, r));
        }
      }
    }
  }

  boolean full() {
    return seen >= window;
  }

  List<Object[]> rows() {
    return reservoir;
  }

  long seen() {
    return seen;
  }

  /** The sort-key values of row {@code r}, in the order's sequence. */
  static Object[] key(List<FieldVector> vectors, List<SortKey> order, int r) {
    Object[] key = new Object[order.size()];
    for (int i = 0; i < key.length; i++) {
      key[i] = ArrowValues.get(vectors.get(order.get(i).column()), r);
    }
    return key;
  }
}
