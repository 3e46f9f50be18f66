package io.gleam.connectors;

import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Copies a field's bytes into a string column as they are; the reader has checked that they are UTF-8.
 *
 * <p>Writes through addresses, like the fixed-width parsers (see {@link FieldParser#setValid}): a row's bytes start
 * where the previous row's end, read back from the offsets, so a row written again (after a later field of its
 * record failed) simply replaces the first attempt. Every row is written, as a value or a NULL, in increasing order,
 * and the vector's last-set row is kept up to date so that setting the batch's row count leaves the offsets alone.
 * The data buffer grows (and its address is read again) when a value does not fit.
 */
final class StringFieldParser extends FieldParser {
  private VarCharVector vector;
  private long validity;
  private long offsets;
  private long data;
  private long capacity;

  StringFieldParser(Field field) {
    super(field);
  }

  @Override
  boolean isString() {
    return true;
  }

  @Override
  void bind(FieldVector v) {
    vector = (VarCharVector) v;
    validity = v.getValidityBufferAddress();
    offsets = v.getOffsetBufferAddress();
    data = v.getDataBufferAddress();
    capacity = v.getDataBuffer().capacity();
    MemoryUtil.putInt(offsets, 0);
  }

  @Override
  void parse(byte[] b, int from, int to, int row) {
    int length = to - from;
    int start = MemoryUtil.getInt(offsets + 4L * row);
    long end = (long) start + length;
    if (end > capacity) {
      grow(end);
    }
    MemoryUtil.copyToMemory(b, from, data + start, length);
    MemoryUtil.putInt(offsets + 4L * (row + 1), (int) end);
    setValid(validity, row);
    vector.setLastSet(row);
  }

  @Override
  void setNull(int row) {
    MemoryUtil.putInt(offsets + 4L * (row + 1), MemoryUtil.getInt(offsets + 4L * row));
    setInvalid(validity, row);
    vector.setLastSet(row);
  }

  private void grow(long needed) {
    if (needed > Integer.MAX_VALUE) {
      throw UNPARSEABLE;
    }
    while (vector.getDataBuffer().capacity() < needed) {
      vector.reallocDataBuffer();
    }
    data = vector.getDataBufferAddress();
    capacity = vector.getDataBuffer().capacity();
  }
}
