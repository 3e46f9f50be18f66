package io.gleam.exec.operator;

import io.gleam.exec.rows.Gather;
import java.util.Arrays;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Finds the group of a row by its key columns without boxing them: each key value becomes a {@code long} code (an
 * integer or a date as itself, a decimal of precision up to 18 as its unscaled value, a string as its number in a
 * per-column dictionary of the strings seen), a word of NULL flags follows, and the codes of a batch's rows are
 * looked up in an open-addressing table of groups. TPC-H Q1's two one-letter strings, Q3's three keys and Q10's
 * seven used to build a boxed key and a {@code HashMap} lookup per row.
 */
final class CodedKeyGroups {
  /** How a key column is coded. */
  private enum Coding { INTEGER, DECIMAL, STRING }

  private final int[] keys;
  private final Coding[] codings;
  private final int[] widths;
  private final StringIds[] dictionaries;
  /** Codes per row: {@code width} words, the key codes then the NULL flags. */
  private final int width;
  private long[] codes = new long[0];
  private int[] hashes = new int[0];
  /** Per group: its codes. */
  private long[] groupCodes = new long[0];
  private int groups;
  /** Open addressing: group + 1, or 0 for an empty slot. */
  private int[] slots = new int[1024];
  private int[] slotHashes = new int[1024];

  /** Whether every key column has a coding (integers, DAY dates, decimals up to 18 digits, strings). */
  static boolean codable(Schema in, int[] keys) {
    if (keys.length == 0 || keys.length > 63) {
      return false;
    }
    for (int k : keys) {
      if (coding(in.getFields().get(k).getType()) == null) {
        return false;
      }
    }
    return true;
  }

  private static Coding coding(ArrowType t) {
    if (t instanceof ArrowType.Int i && i.getIsSigned()) {
      return Coding.INTEGER;
    } else if (t instanceof ArrowType.Date d && d.getUnit() == DateUnit.DAY) {
      return Coding.INTEGER;
    } else if (t instanceof ArrowType.Decimal d && d.getBitWidth() == 128 && d.getPrecision() <= 18) {
      return Coding.DECIMAL;
    } else if (t instanceof ArrowType.Utf8) {
      return Coding.STRING;
    }
    return null;
  }

  CodedKeyGroups(Schema in, int[] keys) {
    this.keys = keys.clone();
    this.codings = new Coding[keys.length];
    this.widths = new int[keys.length];
    this.dictionaries = new StringIds[keys.length];
    for (int k = 0; k < keys.length; k++) {
      ArrowType t = in.getFields().get(keys[k]).getType();
      codings[k] = coding(t);
      widths[k] = t instanceof ArrowType.Int i ? i.getBitWidth() / 8 : 4;
      if (codings[k] == Coding.STRING) {
        dictionaries[k] = new StringIds();
      }
    }
    this.width = keys.length + 1;
  }

  /** Codes rows {@code [0, rows)} of {@code batch}; {@link #find} and {@link #add} then take their indexes. */
  void encode(VectorSchemaRoot batch, int rows) {
    if (codes.length < rows * width) {
      codes = new long[rows * width];
      hashes = new int[rows];
    }
    Arrays.fill(codes, 0, rows * width, 0L);
    for (int k = 0; k < keys.length; k++) {
      FieldVector v = batch.getVector(keys[k]);
      long validity = v.getValidityBuffer().memoryAddress();
      boolean nulls = v.getNullCount() > 0;
      long data = v.getDataBuffer().memoryAddress();
      long flag = 1L << k;
      int nullWord = keys.length;
      switch (codings[k]) {
        case INTEGER -> {
          int w = widths[k];
          for (int i = 0; i < rows; i++) {
            if (nulls && !Gather.isSet(validity, i)) {
              codes[i * width + nullWord] |= flag;
            } else {
              codes[i * width + k] = Gather.readInteger(data, i, w);
            }
          }
        }
        case DECIMAL -> {
          for (int i = 0; i < rows; i++) {
            if (nulls && !Gather.isSet(validity, i)) {
              codes[i * width + nullWord] |= flag;
            } else {
              codes[i * width + k] = MemoryUtil.getLong(data + (long) i * 16);  // the low word holds the value
            }
          }
        }
        case STRING -> {
          long offsets = v.getOffsetBuffer().memoryAddress();
          StringIds ids = dictionaries[k];
          for (int i = 0; i < rows; i++) {
            if (nulls && !Gather.isSet(validity, i)) {
              codes[i * width + nullWord] |= flag;
            } else {
              int start = MemoryUtil.getInt(offsets + (long) i * 4);
              int end = MemoryUtil.getInt(offsets + (long) (i + 1) * 4);
              codes[i * width + k] = ids.id(data + start, end - start);
            }
          }
        }
        default -> throw new IllegalStateException("no coding for key " + k);
      }
    }
    for (int i = 0; i < rows; i++) {
      long h = 0;
      for (int w = 0, at = i * width; w < width; w++, at++) {
        h = (h + codes[at]) * 0x9E3779B97F4A7C15L;
      }
      hashes[i] = (int) (h ^ (h >>> 32));
    }
  }

  /** The memory a group's codes and slot take (the table is kept at most half full). */
  long bytesPerGroup() {
    return (long) width * Long.BYTES + 4L * Integer.BYTES;
  }

  /** Whether rows {@code i} and {@code j} of the coded batch have the same key. */
  boolean sameAsRow(int i, int j) {
    return Arrays.equals(codes, i * width, i * width + width, codes, j * width, j * width + width);
  }

  /** The group of coded row {@code i}, or -1. */
  int find(int i) {
    int h = hashes[i];
    int mask = slots.length - 1;
    for (int s = h & mask; ; s = (s + 1) & mask) {
      int g = slots[s] - 1;
      if (g < 0) {
        return -1;
      }
      if (slotHashes[s] == h && Arrays.equals(groupCodes, g * width, g * width + width, codes, i * width,
          i * width + width)) {
        return g;
      }
    }
  }

  /** Adds coded row {@code i}'s key as group {@code g}, the next group; the key must not be present. */
  void add(int i, int g) {
    if (g != groups) {
      throw new IllegalStateException("group " + g + " added out of order, expected " + groups);
    }
    if (groupCodes.length < (g + 1) * width) {
      groupCodes = Arrays.copyOf(groupCodes, Math.max(64, 2 * (g + 1)) * width);
    }
    System.arraycopy(codes, i * width, groupCodes, g * width, width);
    groups++;
    if (2 * groups > slots.length) {
      rehash(slots.length * 2);
    }
    insert(hashes[i], g);
  }

  private void insert(int h, int g) {
    int mask = slots.length - 1;
    int s = h & mask;
    while (slots[s] != 0) {
      s = (s + 1) & mask;
    }
    slots[s] = g + 1;
    slotHashes[s] = h;
  }

  private void rehash(int capacity) {
    int[] oldSlots = slots;
    int[] oldHashes = slotHashes;
    slots = new int[capacity];
    slotHashes = new int[capacity];
    for (int s = 0; s < oldSlots.length; s++) {
      if (oldSlots[s] != 0) {
        insert(oldHashes[s], oldSlots[s] - 1);
      }
    }
  }

  /** Forgets every group and string (after a partial aggregate emitted its groups). */
  void clear() {
    groups = 0;
    Arrays.fill(slots, 0);
    for (StringIds d : dictionaries) {
      if (d != null) {
        d.clear();
      }
    }
  }

  /** Numbers the distinct strings of one key column by first appearance, found by their bytes. */
  private static final class StringIds {
    private byte[][] values = new byte[64][];
    private int[] valueHashes = new int[64];
    private int count;
    private int[] table = new int[128];

    int id(long address, int length) {
      int h = length;
      for (int b = 0; b < length; b++) {
        h = 31 * h + MemoryUtil.getByte(address + b);
      }
      h *= 0x9E3779B9;
      h ^= h >>> 15;
      int mask = table.length - 1;
      for (int s = h & mask; ; s = (s + 1) & mask) {
        int id = table[s] - 1;
        if (id < 0) {
          return add(address, length, h, s);
        }
        if (valueHashes[id] == h && same(values[id], address, length)) {
          return id;
        }
      }
    }

    private static boolean same(byte[] known, long address, int length) {
      if (known.length != length) {
        return false;
      }
      for (int b = 0; b < length; b++) {
        if (known[b] != MemoryUtil.getByte(address + b)) {
          return false;
        }
      }
      return true;
    }

    private int add(long address, int length, int h, int slot) {
      byte[] bytes = new byte[length];
      MemoryUtil.copyFromMemory(address, bytes, 0, length);
      int id = count++;
      if (id == values.length) {
        values = Arrays.copyOf(values, id * 2);
        valueHashes = Arrays.copyOf(valueHashes, id * 2);
      }
      values[id] = bytes;
      valueHashes[id] = h;
      table[slot] = id + 1;
      if (2 * count > table.length) {
        table = new int[table.length * 2];
        int mask = table.length - 1;
        for (int v = 0; v < count; v++) {
          int s = valueHashes[v] & mask;
          while (table[s] != 0) {
            s = (s + 1) & mask;
          }
          table[s] = v + 1;
        }
      }
      return id;
    }

    void clear() {
      Arrays.fill(values, 0, count, null);
      count = 0;
      Arrays.fill(table, 0);
    }
  }
}
