package io.gleam.benchmarks;

/**
 * Steele, Lea and Flood's SplitMix64 generator: a fixed, fully specified sequence for a seed, so generated data is
 * byte-identical on every JVM (unlike {@link java.util.Random} subclasses, whose algorithms may change).
 */
final class SplitMix64 {
  private long state;

  SplitMix64(long seed) {
    this.state = seed;
  }

  long nextLong() {
    long z = state += 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A uniform int in {@code [0, bound)}, from the top 32 bits (Lemire's multiply-shift, without rejection). */
  int nextInt(int bound) {
    return (int) (((nextLong() >>> 32) * bound) >>> 32);
  }
}
