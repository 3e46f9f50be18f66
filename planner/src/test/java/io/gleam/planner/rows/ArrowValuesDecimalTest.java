package io.gleam.planner.rows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.DecimalVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Decimals read and written through {@link ArrowValues} (which takes a shortcut when the unscaled value fits in a
 * {@code long}) agree with Arrow's own {@code DecimalVector.getObject}/{@code setSafe(BigDecimal)}, at the edges of
 * the shortcut too.
 */
class ArrowValuesDecimalTest {
  private BufferAllocator allocator;

  @BeforeEach
  void open() {
    allocator = new RootAllocator();
  }

  @AfterEach
  void close() {
    allocator.close();
  }

  private static List<BigDecimal> values(int scale) {
    List<BigDecimal> values = new ArrayList<>();
    for (long unscaled : new long[] {0, 1, -1, 99, -99, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE - 1,
        Long.MIN_VALUE + 1, 123_456_789_012L}) {
      values.add(BigDecimal.valueOf(unscaled, scale));
    }
    // Beyond a long: the general path.
    values.add(new BigDecimal(BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE), scale));
    values.add(new BigDecimal(BigInteger.valueOf(Long.MIN_VALUE).subtract(BigInteger.ONE), scale));
    values.add(new BigDecimal(BigInteger.TEN.pow(37).negate(), scale));
    Random random = new Random(7);
    for (int i = 0; i < 1000; i++) {
      values.add(new BigDecimal(new BigInteger(1 + random.nextInt(120), random), scale)
          .multiply(BigDecimal.valueOf(random.nextBoolean() ? 1 : -1)));
    }
    return values;
  }

  @Test
  void readsWhatArrowWrote() {
    try (DecimalVector v = new DecimalVector("d", allocator, 38, 2)) {
      List<BigDecimal> values = values(2);
      v.allocateNew(values.size());
      for (int i = 0; i < values.size(); i++) {
        v.setSafe(i, values.get(i));
      }
      v.setValueCount(values.size());
      for (int i = 0; i < values.size(); i++) {
        assertEquals(v.getObject(i), ArrowValues.get(v, i), "row " + i);
        assertEquals(values.get(i), ArrowValues.get(v, i), "row " + i);
      }
    }
  }

  @Test
  void writesWhatArrowReads() {
    try (DecimalVector v = new DecimalVector("d", allocator, 38, 2)) {
      List<BigDecimal> values = values(2);
      v.allocateNew(values.size() + 2);
      for (int i = 0; i < values.size(); i++) {
        ArrowValues.set(v, i, values.get(i));
      }
      ArrowValues.set(v, values.size(), new BigDecimal("-12.345"));  // rounded half up to the scale
      ArrowValues.set(v, values.size() + 1, "7");
      v.setValueCount(values.size() + 2);
      for (int i = 0; i < values.size(); i++) {
        assertEquals(values.get(i), v.getObject(i), "row " + i);
      }
      assertEquals(new BigDecimal("-12.35"), v.getObject(values.size()));
      assertEquals(new BigDecimal("7.00"), v.getObject(values.size() + 1));
    }
  }

  @Test
  void keepsTheVectorsPrecisionCheck() {
    try (DecimalVector v = new DecimalVector("d", allocator, 15, 2)) {
      v.allocateNew(1);
      ArrowValues.set(v, 0, new BigDecimal("9999999999999.99"));
      v.setValueCount(1);
      assertEquals(new BigDecimal("9999999999999.99"), ArrowValues.get(v, 0));
      org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
          () -> ArrowValues.set(v, 0, new BigDecimal("99999999999999.99")));
    }
  }
}
