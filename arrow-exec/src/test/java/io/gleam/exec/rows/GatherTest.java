package io.gleam.exec.rows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.junit.jupiter.api.Test;

/**
 * {@link Gather} by buffer address against Arrow's own accessors ({@code getObject}), for every path: one source
 * with and without NULLs, negative ids (NULL out), each fixed width, strings, several sources.
 */
class GatherTest {
  private static final int ROWS = 1_000;

  private static List<Object> expected(FieldVector[] sources, int[] batchOf, int[] rowOf, int[] ids) {
    List<Object> out = new ArrayList<>();
    for (int id : ids) {
      out.add(id < 0 ? null : sources[batchOf == null ? 0 : batchOf[id]].getObject(batchOf == null ? id : rowOf[id]));
    }
    return out;
  }

  private static List<Object> values(FieldVector v) {
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < v.getValueCount(); i++) {
      out.add(v.getObject(i));
    }
    return out;
  }

  private static FieldVector[] filled(BufferAllocator allocator, boolean withNulls, long seed) {
    Random random = new Random(seed);
    IntVector ints = new IntVector("i", allocator);
    BigIntVector longs = new BigIntVector("l", allocator);
    DecimalVector decimals = new DecimalVector("d", allocator, 15, 2);
    VarCharVector strings = new VarCharVector("s", allocator);
    ints.allocateNew(ROWS);
    longs.allocateNew(ROWS);
    decimals.allocateNew(ROWS);
    strings.allocateNew();
    for (int i = 0; i < ROWS; i++) {
      if (withNulls && random.nextInt(5) == 0) {
        ints.setNull(i);
        longs.setNull(i);
        decimals.setNull(i);
        strings.setNull(i);
        continue;
      }
      ints.set(i, random.nextInt());
      longs.set(i, random.nextLong());
      decimals.set(i, BigDecimal.valueOf(random.nextInt(1_000_000) - 500_000, 2));
      String s = "v" + random.nextInt(100) + (i % 5 == 0 ? "-a-value-longer-than-sixteen-bytes" : "");
      strings.setSafe(i, s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    for (FieldVector v : new FieldVector[] {ints, longs, decimals, strings}) {
      v.setValueCount(ROWS);
    }
    return new FieldVector[] {ints, longs, decimals, strings};
  }

  @Test
  void oneSourceWithAndWithoutNullsAndNegativeIds() {
    try (BufferAllocator allocator = new RootAllocator()) {
      for (boolean withNulls : new boolean[] {false, true}) {
        FieldVector[] columns = filled(allocator, withNulls, withNulls ? 1 : 2);
        Random random = new Random(3);
        for (int n : new int[] {0, 1, 7, 8, 9, 333, ROWS}) {
          int[] ids = new int[n + 2];
          for (int j = 0; j < ids.length; j++) {
            ids[j] = random.nextInt(10) == 0 ? -1 : random.nextInt(ROWS);
          }
          for (FieldVector column : columns) {
            try (FieldVector out = Gather.gather(column, column.getField(), ids, 2, n, allocator)) {
              int[] window = java.util.Arrays.copyOfRange(ids, 2, 2 + n);
              assertEquals(expected(new FieldVector[] {column}, null, null, window), values(out),
                  column.getField() + " nulls=" + withNulls + " n=" + n);
              assertEquals(expected(new FieldVector[] {column}, null, null, window).stream()
                  .filter(java.util.Objects::isNull).count(), out.getNullCount());
            }
          }
        }
        for (FieldVector column : columns) {
          column.close();
        }
      }
    }
  }

  @Test
  void severalSources() {
    try (BufferAllocator allocator = new RootAllocator()) {
      FieldVector[] a = filled(allocator, false, 4);
      FieldVector[] b = filled(allocator, true, 5);
      Random random = new Random(6);
      int n = 500;
      int[] batchOf = new int[n];
      int[] rowOf = new int[n];
      int[] ids = new int[n];
      for (int j = 0; j < n; j++) {
        batchOf[j] = random.nextInt(2);
        rowOf[j] = random.nextInt(ROWS);
        ids[j] = random.nextInt(8) == 0 ? -1 : j;
      }
      for (int c = 0; c < a.length; c++) {
        FieldVector[] sources = {a[c], b[c]};
        try (FieldVector out = Gather.gather(sources, batchOf, rowOf, ids, 0, n, a[c].getField(), allocator)) {
          assertEquals(expected(sources, batchOf, rowOf, ids), values(out), a[c].getField().toString());
        }
      }
      for (int c = 0; c < a.length; c++) {
        a[c].close();
        b[c].close();
      }
    }
  }
}
