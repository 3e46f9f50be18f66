package io.gleam.benchmarks;

/**
 * Samples indexes with given weights in constant time: Walker's alias method, built with Vose's algorithm. Each
 * slot holds an acceptance threshold and an alias in one {@code long}, so a sample costs one table read and the
 * top {@value #RANDOM_BITS} bits of a random {@code long} (32 choose the slot, 22 accept it or take its alias), which
 * leaves the low bits to the caller. Probabilities are quantized to 1/2^22 of a slot.
 */
final class AliasSampler {
  /** Bits of the random value that {@link #sample} uses, from the top. */
  static final int RANDOM_BITS = 54;

  private static final int ACCEPT_BITS = 22;
  private static final long ACCEPT_MASK = (1L << ACCEPT_BITS) - 1;
  private static final long LOW_32 = 0xFFFFFFFFL;

  /** Per slot: the acceptance threshold (out of 2^22) in the high half, the alias in the low half. */
  private final long[] slots;

  AliasSampler(double[] weights) {
    int n = weights.length;
    if (n == 0) {
      throw new IllegalArgumentException("weights are empty");
    }
    double sum = 0;
    for (double w : weights) {
      if (!(w >= 0) || Double.isInfinite(w)) {
        throw new IllegalArgumentException("weights must be finite and non-negative, got " + w);
      }
      sum += w;
    }
    double[] scaled = new double[n];
    int[] small = new int[n];
    int[] large = new int[n];
    int smallCount = 0;
    int largeCount = 0;
    for (int i = 0; i < n; i++) {
      scaled[i] = weights[i] * n / sum;
      if (scaled[i] < 1) {
        small[smallCount++] = i;
      } else {
        large[largeCount++] = i;
      }
    }
    double[] accept = new double[n];
    int[] alias = new int[n];
    for (int i = 0; i < n; i++) {
      accept[i] = 1;
      alias[i] = i;
    }
    while (smallCount > 0 && largeCount > 0) {
      int s = small[--smallCount];
      int l = large[--largeCount];
      accept[s] = scaled[s];
      alias[s] = l;
      scaled[l] = scaled[l] + scaled[s] - 1;
      if (scaled[l] < 1) {
        small[smallCount++] = l;
      } else {
        large[largeCount++] = l;
      }
    }
    slots = new long[n];
    for (int i = 0; i < n; i++) {
      // A slot with no alias accepts always: its threshold 2^22 exceeds every 22-bit draw.
      long threshold = alias[i] == i ? 1L << ACCEPT_BITS : (long) (accept[i] * (1L << ACCEPT_BITS));
      slots[i] = threshold << 32 | alias[i];
    }
  }

  int size() {
    return slots.length;
  }

  /** An index drawn from the weights, given a uniformly random 64-bit value (only its top 54 bits matter). */
  int sample(long random) {
    int slot = (int) (((random >>> 32) * slots.length) >>> 32);
    long entry = slots[slot];
    return ((random >>> (64 - 32 - ACCEPT_BITS)) & ACCEPT_MASK) < (entry >>> 32) ? slot : (int) (entry & LOW_32);
  }
}
