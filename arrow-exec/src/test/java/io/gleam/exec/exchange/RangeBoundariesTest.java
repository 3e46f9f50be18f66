package io.gleam.exec.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gleam.exec.ComputeSlots;
import io.gleam.planner.plan.SortKey;
import io.gleam.planner.plan.StageOutput;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Boundaries from producers' samples, and routing by binary search in the sort's order, NULLs included. */
class RangeBoundariesTest {
  private static final StageOutput.Range DESC_NULLS_FIRST = new StageOutput.Range(List.of(SortKey.desc(0)), 3);

  private static List<Object[]> keys(Object... values) {
    List<Object[]> out = new ArrayList<>();
    for (Object v : values) {
      out.add(new Object[] {v});
    }
    return out;
  }

  @Test
  void boundariesAreKnownOnlyWhenEveryProducerHasPublished() {
    RangeBoundaries b = new RangeBoundaries(DESC_NULLS_FIRST, 2);
    b.publish(keys(9L, 8L, 7L, 6L, 5L, 4L), 6);
    assertFalse(b.ready());
    b.publish(List.of(), 0); // an empty producer
    assertTrue(b.ready());
    b.await(new ComputeSlots(1));
    // Six keys in descending order, three partitions: upper boundaries after the second and the fourth.
    assertEquals(List.of(8L, 6L), b.boundaries().stream().map(k -> k[0]).toList());
  }

  @Test
  void routingFollowsTheSortOrderWithNullsFirstInDescendingOrder() {
    RangeBoundaries b = new RangeBoundaries(DESC_NULLS_FIRST, 1);
    b.publish(keys(null, 9L, 8L, 6L, 5L, 1L), 6);
    int previous = 0;
    // The keys as the sort orders them: NULL, then descending. Partitions must not decrease along that order.
    for (Object k : new Object[] {null, 100L, 9L, 8L, 7L, 6L, 5L, 2L, 1L, -3L}) {
      int p = b.partitionOf(new Object[] {k});
      assertTrue(p >= previous, "key " + k + " went to " + p + " after " + previous);
      previous = p;
    }
    assertEquals(0, b.partitionOf(new Object[] {null}));
    assertEquals(2, b.partitionOf(new Object[] {-3L}));
  }

  @Test
  void aSkewedSampleGivesDistinctBoundariesAndEqualKeysOnePartition() {
    RangeBoundaries b = new RangeBoundaries(new StageOutput.Range(List.of(SortKey.asc(0)), 4), 1);
    List<Object[]> sample = new ArrayList<>();
    for (int i = 0; i < 90; i++) {
      sample.add(new Object[] {"hot"});
    }
    for (int i = 0; i < 10; i++) {
      sample.add(new Object[] {"a" + i});
    }
    b.publish(sample, 100);
    List<Object> bounds = b.boundaries().stream().map(k -> k[0]).toList();
    assertEquals(bounds.stream().distinct().toList(), bounds);
    assertTrue(bounds.size() <= 3);
    int hot = b.partitionOf(new Object[] {"hot"});
    assertEquals(hot, b.partitionOf(new Object[] {"hot"}));
    assertTrue(b.partitionOf(new Object[] {"a0"}) <= hot);
  }

  @Test
  void noRowsAnywhereMeansOnePartitionAndNoBoundaries() {
    RangeBoundaries b = new RangeBoundaries(DESC_NULLS_FIRST, 2);
    b.publish(List.of(), 0);
    b.publish(List.of(), 0);
    assertEquals(List.of(), b.boundaries());
    assertEquals(0, b.partitionOf(new Object[] {42L}));
  }
}
