package io.gleam.exec.rows;

import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Builds a vector from chosen rows of other vectors: the copy behind hash exchanges and join output. Fixed-width
 * values (integers, dates, timestamps, doubles, decimals) and variable-width strings and binaries are copied
 * through raw buffer addresses, after sizing the target exactly, so the per-value bounds and reference-count
 * checks of Arrow's accessors are paid once per vector instead of once per value; other types (booleans, nested)
 * use Arrow's {@code copyFromSafe}. A negative row index yields NULL. Every index must be a row of its source.
 */
public final class Gather {
  private Gather() {}

  /** Rows {@code rows[start, start + n)} of {@code from} (negative: NULL) as a new vector the caller owns. */
  public static FieldVector gather(FieldVector from, Field field, int[] rows, int start, int n,
      BufferAllocator allocator) {
    return gather(new FieldVector[] {from}, null, rows, rows, start, n, field, allocator);
  }

  /**
   * Output row {@code j} is row {@code rowOf[ids[start + j]]} of source {@code sources[batchOf[ids[start + j]]]}
   * (or of {@code sources[0]} at row {@code ids[start + j]} when {@code batchOf} is null); a negative id is NULL.
   * {@code sources} may be null when every id is negative.
   */
  public static FieldVector gather(FieldVector[] sources, int[] batchOf, int[] rowOf, int[] ids, int start, int n,
      Field field, BufferAllocator allocator) {
    FieldVector to = field.createVector(allocator);
    boolean done = false;
    try {
      if (to instanceof BaseFixedWidthVector f && !(to instanceof BitVector)) {
        f.allocateNew(n);
        fixed(f, f.getTypeWidth(), sources, batchOf, rowOf, ids, start, n);
      } else if (to instanceof BaseVariableWidthVector v) {
        variable(v, sources, batchOf, rowOf, ids, start, n);
      } else {
        to.setInitialCapacity(n);
        to.allocateNew();
        for (int j = 0; j < n; j++) {
          int id = ids[start + j];
          if (id < 0) {
            to.setNull(j);
          } else {
            FieldVector s = sources[batchOf == null ? 0 : batchOf[id]];
            to.copyFromSafe(batchOf == null ? id : rowOf[id], j, s);
          }
        }
      }
      to.setValueCount(n);
      done = true;
      return to;
    } finally {
      if (!done) {
        to.close();
      }
    }
  }

  /** Whether row {@code row} of the vector whose validity buffer starts at {@code validity} is set. */
  public static boolean isSet(long validity, int row) {
    return (MemoryUtil.getByte(validity + (row >> 3)) >> (row & 7) & 1) != 0;
  }

  /**
   * The signed integer of {@code width} bytes (8, 4, 2 or 1) at row {@code row} of the fixed-width data buffer
   * starting at {@code address}: how the columnar join and aggregate read integer and date keys.
   */
  public static long readInteger(long address, int row, int width) {
    switch (width) {
      case 8:
        return MemoryUtil.getLong(address + (long) row * 8);
      case 4:
        return MemoryUtil.getInt(address + (long) row * 4);
      case 2:
        return MemoryUtil.getShort(address + (long) row * 2);
      default:
        return MemoryUtil.getByte(address + row);
    }
  }

  private static void fixed(BaseFixedWidthVector to, int width, FieldVector[] sources, int[] batchOf, int[] rowOf,
      int[] ids, int start, int n) {
    long dst = to.getDataBuffer().memoryAddress();
    long dstValidity = to.getValidityBuffer().memoryAddress();
    if (batchOf == null && sources != null && sources[0].getNullCount() == 0
        && (width == 8 || width == 4 || width == 16)) {
      fixedFromOneSourceWithoutNulls(dst, dstValidity, width, sources[0].getDataBuffer().memoryAddress(), ids,
          start, n);
      return;
    }
    MemoryUtil.setMemory(dstValidity, (n + 7) / 8, (byte) 0);
    int lastBatch = -1;
    long src = 0;
    long srcValidity = 0;
    for (int j = 0; j < n; j++) {
      int id = ids[start + j];
      if (id < 0) {
        continue;
      }
      int b = batchOf == null ? 0 : batchOf[id];
      int r = batchOf == null ? id : rowOf[id];
      if (b != lastBatch) {
        FieldVector s = sources[b];
        src = s.getDataBuffer().memoryAddress();
        srcValidity = s.getValidityBuffer().memoryAddress();
        lastBatch = b;
      }
      if (!isSet(srcValidity, r)) {
        continue;
      }
      long d = (long) j * width;
      long from = (long) r * width;
      switch (width) {
        case 8 -> MemoryUtil.putLong(dst + d, MemoryUtil.getLong(src + from));
        case 4 -> MemoryUtil.putInt(dst + d, MemoryUtil.getInt(src + from));
        case 16 -> {
          MemoryUtil.putLong(dst + d, MemoryUtil.getLong(src + from));
          MemoryUtil.putLong(dst + d + 8, MemoryUtil.getLong(src + from + 8));
        }
        case 2 -> MemoryUtil.putShort(dst + d, MemoryUtil.getShort(src + from));
        case 1 -> MemoryUtil.putByte(dst + d, MemoryUtil.getByte(src + from));
        default -> MemoryUtil.copyMemory(src + from, dst + d, width);
      }
      long v = dstValidity + (j >> 3);
      MemoryUtil.putByte(v, (byte) (MemoryUtil.getByte(v) | (1 << (j & 7))));
    }
  }

  /**
   * The common case of a filter's selection or a join's probe side: one source without NULLs, so no validity is
   * read, the width is chosen once per vector instead of per value, and every output bit is set at once (a
   * negative id, an outer join's NULL, clears its own).
   */
  private static void fixedFromOneSourceWithoutNulls(long dst, long dstValidity, int width, long src, int[] ids,
      int start, int n) {
    MemoryUtil.setMemory(dstValidity, n >> 3, (byte) 0xFF);
    if ((n & 7) != 0) {
      MemoryUtil.putByte(dstValidity + (n >> 3), (byte) ((1 << (n & 7)) - 1));
    }
    for (int j = 0; j < n; j++) {
      int id = ids[start + j];
      if (id < 0) {
        long v = dstValidity + (j >> 3);
        MemoryUtil.putByte(v, (byte) (MemoryUtil.getByte(v) & ~(1 << (j & 7))));
        continue;
      }
      if (width == 8) {
        MemoryUtil.putLong(dst + (long) j * 8, MemoryUtil.getLong(src + (long) id * 8));
      } else if (width == 4) {
        MemoryUtil.putInt(dst + (long) j * 4, MemoryUtil.getInt(src + (long) id * 4));
      } else {
        MemoryUtil.putLong(dst + (long) j * 16, MemoryUtil.getLong(src + (long) id * 16));
        MemoryUtil.putLong(dst + (long) j * 16 + 8, MemoryUtil.getLong(src + (long) id * 16 + 8));
      }
    }
  }

  private static void variable(BaseVariableWidthVector to, FieldVector[] sources, int[] batchOf, int[] rowOf,
      int[] ids, int start, int n) {
    if (batchOf == null && sources != null) {
      variableFromOne(to, (BaseVariableWidthVector) sources[0], ids, start, n);
      return;
    }
    long bytes = 0;
    for (int j = 0; j < n; j++) {
      int id = ids[start + j];
      if (id >= 0) {
        long offsets = sources[batchOf == null ? 0 : batchOf[id]].getOffsetBuffer().memoryAddress();
        int r = batchOf == null ? id : rowOf[id];
        bytes += MemoryUtil.getInt(offsets + (long) (r + 1) * 4) - MemoryUtil.getInt(offsets + (long) r * 4);
      }
    }
    to.allocateNew(Math.max(bytes, 1), n);
    long dst = to.getDataBuffer().memoryAddress();
    long dstOffsets = to.getOffsetBuffer().memoryAddress();
    long dstValidity = to.getValidityBuffer().memoryAddress();
    MemoryUtil.setMemory(dstValidity, (n + 7) / 8, (byte) 0);
    int at = 0;
    MemoryUtil.putInt(dstOffsets, 0);
    for (int j = 0; j < n; j++) {
      int id = ids[start + j];
      if (id >= 0) {
        BaseVariableWidthVector s = (BaseVariableWidthVector) sources[batchOf == null ? 0 : batchOf[id]];
        int r = batchOf == null ? id : rowOf[id];
        if (isSet(s.getValidityBuffer().memoryAddress(), r)) {
          long offsets = s.getOffsetBuffer().memoryAddress();
          int from = MemoryUtil.getInt(offsets + (long) r * 4);
          int len = MemoryUtil.getInt(offsets + (long) (r + 1) * 4) - from;
          MemoryUtil.copyMemory(s.getDataBuffer().memoryAddress() + from, dst + at, len);
          at += len;
          long v = dstValidity + (j >> 3);
          MemoryUtil.putByte(v, (byte) (MemoryUtil.getByte(v) | (1 << (j & 7))));
        }
      }
      MemoryUtil.putInt(dstOffsets + (long) (j + 1) * 4, at);
    }
    to.setLastSet(n - 1);
  }

  /**
   * {@link #variable} from one source (a filter's selected rows, a join's probe side): its buffer addresses read
   * once, validity read only when it has NULLs, and the output's validity written a byte at a time.
   */
  private static void variableFromOne(BaseVariableWidthVector to, BaseVariableWidthVector s, int[] ids, int start,
      int n) {
    long offsets = s.getOffsetBuffer().memoryAddress();
    long data = s.getDataBuffer().memoryAddress();
    long validity = s.getValidityBuffer().memoryAddress();
    boolean nulls = s.getNullCount() > 0;
    long bytes = 0;
    for (int j = 0; j < n; j++) {
      int id = ids[start + j];
      if (id >= 0) {
        bytes += MemoryUtil.getInt(offsets + (long) (id + 1) * 4) - MemoryUtil.getInt(offsets + (long) id * 4);
      }
    }
    to.allocateNew(Math.max(bytes, 1), n);
    long dst = to.getDataBuffer().memoryAddress();
    long dstOffsets = to.getOffsetBuffer().memoryAddress();
    long dstValidity = to.getValidityBuffer().memoryAddress();
    int at = 0;
    int bits = 0;
    MemoryUtil.putInt(dstOffsets, 0);
    for (int j = 0; j < n; j++) {
      int id = ids[start + j];
      if (id >= 0 && (!nulls || isSet(validity, id))) {
        int from = MemoryUtil.getInt(offsets + (long) id * 4);
        int len = MemoryUtil.getInt(offsets + (long) (id + 1) * 4) - from;
        if (len <= 16) {
          // short values (flags, codes, names): byte moves beat a bulk copy's call
          for (int b = 0; b < len; b++) {
            MemoryUtil.putByte(dst + at + b, MemoryUtil.getByte(data + from + b));
          }
        } else {
          MemoryUtil.copyMemory(data + from, dst + at, len);
        }
        at += len;
        bits |= 1 << (j & 7);
      }
      MemoryUtil.putInt(dstOffsets + (long) (j + 1) * 4, at);
      if ((j & 7) == 7 || j == n - 1) {
        MemoryUtil.putByte(dstValidity + (j >> 3), (byte) bits);
        bits = 0;
      }
    }
    to.setLastSet(n - 1);
  }
}
