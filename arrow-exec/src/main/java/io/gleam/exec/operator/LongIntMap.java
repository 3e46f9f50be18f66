package io.gleam.exec.operator;

import java.util.Arrays;

/**
 * A map from {@code long} keys to non-negative {@code int} values: open addressing with linear probing over one
 * array of (key, value + 1) pairs, kept at most half full, so a lookup reads one slot pair in the usual case and
 * allocates nothing. Slots come from the high bits of the key times a 64-bit odd constant (Fibonacci hashing).
 */
final class LongIntMap {
  private long[] slots = new long[2 * 1024];
  private int shift = 64 - 10;
  private int size;

  /** The value of {@code key}, or -1. */
  int get(long key) {
    long[] t = slots;
    int mask = (t.length >> 1) - 1;
    for (int s = (int) ((key * 0x9E3779B97F4A7C15L) >>> shift); ; s = (s + 1) & mask) {
      long v = t[2 * s + 1];
      if (v == 0) {
        return -1;
      }
      if (t[2 * s] == key) {
        return (int) v - 1;
      }
    }
  }

  /** Sets {@code key}'s value; the key must not be present. */
  void put(long key, int value) {
    if (2 * (size + 1) > slots.length >> 1) {
      rehash();
    }
    insert(slots, shift, key, value + 1L);
    size++;
  }

  private static void insert(long[] t, int shift, long key, long stored) {
    int mask = (t.length >> 1) - 1;
    int s = (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
    while (t[2 * s + 1] != 0) {
      s = (s + 1) & mask;
    }
    t[2 * s] = key;
    t[2 * s + 1] = stored;
  }

  private void rehash() {
    long[] old = slots;
    long[] t = new long[old.length * 2];
    int newShift = shift - 1;
    for (int s = 0; s < old.length; s += 2) {
      if (old[s + 1] != 0) {
        insert(t, newShift, old[s], old[s + 1]);
      }
    }
    slots = t;
    shift = newShift;
  }

  void clear() {
    if (slots.length > 2 * 1024) {
      slots = new long[2 * 1024];
      shift = 64 - 10;
    } else {
      Arrays.fill(slots, 0L);
    }
    size = 0;
  }

  /** Bytes held: two longs per slot. */
  long bytes() {
    return 8L * slots.length;
  }
}
