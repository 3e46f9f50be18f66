package io.gleam.connectors;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds a byte in an array eight bytes at a time (SWAR: one 64-bit word compared against a repeated pattern), the
 * inner loop of line and field splitting.
 */
final class ByteScan {
  static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  static final long ONES = 0x0101010101010101L;
  static final long HIGHS = 0x8080808080808080L;

  private ByteScan() {}

  /** The index of the first {@code target} in {@code b[from, to)}, or -1. */
  static int indexOf(byte[] b, int from, int to, byte target) {
    long pattern = (target & 0xFFL) * ONES;
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long w = (long) LONGS.get(b, i) ^ pattern;
      long found = (w - ONES) & ~w & HIGHS;
      if (found != 0) {
        return i + (Long.numberOfTrailingZeros(found) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (b[i] == target) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The high bit of each byte of {@code w} that is zero, and no other bit (unlike the borrow-based test in
   * {@link #indexOf}, exact for every byte, so the bits can be iterated).
   */
  static long zeroBytes(long w) {
    long low7 = 0x7F7F7F7F7F7F7F7FL;
    return ~(((w & low7) + low7) | w | low7);
  }

  /** The number of {@code target} bytes in {@code b[from, to)}. */
  static long count(byte[] b, int from, int to, byte target) {
    long n = 0;
    int i = from;
    while (i < to) {
      int at = indexOf(b, i, to, target);
      if (at < 0) {
        break;
      }
      n++;
      i = at + 1;
    }
    return n;
  }
}
