package io.gleam.connectors;

import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

/** Parses {@code [+-]digits} (spaces around it allowed) into a bigint or int column, rejecting overflow. */
final class IntegerFieldParser extends FieldParser {
  private final int bitWidth;
  private long validity;
  private long data;

  IntegerFieldParser(Field field, int bitWidth) {
    super(field);
    this.bitWidth = bitWidth;
  }

  @Override
  void bind(FieldVector v) {
    validity = v.getValidityBufferAddress();
    data = v.getDataBufferAddress();
  }

  @Override
  void parse(byte[] b, int from, int to, int row) {
    long value = parseLong(b, from, to);
    if (bitWidth == 64) {
      MemoryUtil.putLong(data + 8L * row, value);
    } else {
      if (value != (int) value) {
        throw UNPARSEABLE;
      }
      MemoryUtil.putInt(data + 4L * row, (int) value);
    }
    setValid(validity, row);
  }

  @Override
  boolean within(int row, long low, long high) {
    if (!isValid(validity, row)) {
      return false;
    }
    long v = bitWidth == 64 ? MemoryUtil.getLong(data + 8L * row) : MemoryUtil.getInt(data + 4L * row);
    return v >= low && v <= high;
  }

  @Override
  void setNull(int row) {
    setInvalid(validity, row);
  }

  /** Parses like {@link Long#parseLong}, accumulating negatively so that {@code Long.MIN_VALUE} fits. */
  static long parseLong(byte[] b, int from, int to) {
    int i = trimStart(b, from, to);
    int end = trimEnd(b, i, to);
    if (i == end) {
      throw UNPARSEABLE;
    }
    boolean negative = false;
    if (b[i] == '-' || b[i] == '+') {
      negative = b[i] == '-';
      i++;
      if (i == end) {
        throw UNPARSEABLE;
      }
    }
    long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
    long multmin = limit / 10;
    long result = 0;
    for (; i < end; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9 || result < multmin) {
        throw UNPARSEABLE;
      }
      result *= 10;
      if (result < limit + d) {
        throw UNPARSEABLE;
      }
      result -= d;
    }
    return negative ? result : -result;
  }
}
