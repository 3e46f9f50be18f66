package io.gleam.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AliasSamplerTest {
  @Test
  void samplesInProportionToTheWeights() {
    double[] weights = {1, 0, 2, 3, 4};
    AliasSampler sampler = new AliasSampler(weights);
    SplitMix64 random = new SplitMix64(1);
    int draws = 1_000_000;
    int[] counts = new int[weights.length];
    for (int i = 0; i < draws; i++) {
      counts[sampler.sample(random.nextLong())]++;
    }
    assertEquals(0, counts[1], "a zero weight is never drawn");
    for (int i = 0; i < weights.length; i++) {
      assertEquals(weights[i] / 10, (double) counts[i] / draws, 0.003, "share of index " + i);
    }
  }

  @Test
  void ignoresTheLowTenBits() {
    AliasSampler sampler = new AliasSampler(new double[] {5, 1, 1, 7, 2});
    SplitMix64 random = new SplitMix64(3);
    for (int i = 0; i < 10_000; i++) {
      long r = random.nextLong();
      assertEquals(sampler.sample(r), sampler.sample(r & ~1023L));
    }
  }

  @Test
  void rejectsBadWeights() {
    assertThrows(IllegalArgumentException.class, () -> new AliasSampler(new double[0]));
    assertThrows(IllegalArgumentException.class, () -> new AliasSampler(new double[] {1, -1}));
    assertThrows(IllegalArgumentException.class, () -> new AliasSampler(new double[] {1, Double.NaN}));
  }
}
