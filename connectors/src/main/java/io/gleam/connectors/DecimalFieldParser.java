package io.gleam.connectors;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Parses {@code [+-]digits[.digits]} into a {@code decimal(p,s)} column, rounding extra fraction digits half up
 * (as {@code ArrowValues} does) and rejecting values with more than {@code p - s} integer digits. For
 * {@code p <= 18} the unscaled value is built in a {@code long}; larger precisions and exponents
 * ({@code 1.5E3}) go through {@link BigDecimal}.
 */
final class DecimalFieldParser extends FieldParser {
  private static final long[] POWERS = new long[19];

  static {
    long p = 1;
    for (int i = 0; i < POWERS.length; i++) {
      POWERS[i] = p;
      p *= 10;
    }
  }

  private final int precision;
  private final int scale;
  private DecimalVector vector;
  private long validity;
  private long data;

  DecimalFieldParser(Field field, int precision, int scale) {
    super(field);
    this.precision = precision;
    this.scale = scale;
  }

  @Override
  void bind(FieldVector v) {
    vector = (DecimalVector) v;
    validity = v.getValidityBufferAddress();
    data = v.getDataBufferAddress();
  }

  @Override
  void parse(byte[] b, int from, int to, int row) {
    long plain = plain(b, from, to);
    if (plain >= 0) {
      long at = data + 16L * row;
      MemoryUtil.putLong(at, plain);
      MemoryUtil.putLong(at + 8, 0);
      setValid(validity, row);
      return;
    }
    int start = trimStart(b, from, to);
    int end = trimEnd(b, start, to);
    if (precision <= 18 && scale >= 0 && scale <= precision) {
      long unscaled = parseUnscaled(b, start, end);
      if (unscaled != Long.MIN_VALUE) {
        long at = data + 16L * row;  // little-endian 128 bits: the long, then its sign extension
        MemoryUtil.putLong(at, unscaled);
        MemoryUtil.putLong(at + 8, unscaled >> 63);
        setValid(validity, row);
        return;
      }
    }
    vector.set(row, parseBig(b, start, end));
  }

  @Override
  boolean within(int row, long low, long high) {
    if (!isValid(validity, row)) {
      return false;
    }
    long at = data + 16L * row;
    long v = MemoryUtil.getLong(at);
    if (MemoryUtil.getLong(at + 8) != v >> 63) {
      return true;  // wider than a long
    }
    return v >= low && v <= high;
  }

  @Override
  void setNull(int row) {
    vector.setNull(row);
  }

  /**
   * The unscaled value of the common form, digits with exactly {@code scale} of them after the point and nothing
   * else ({@code 21168.23} into a {@code decimal(15,2)}), read in one loop; -1 for anything else, which
   * {@link #parseUnscaled} then reads.
   */
  private long plain(byte[] b, int from, int to) {
    int point = to - scale - 1;
    if (scale <= 0 || point <= from || point - from > precision - scale || b[point] != '.') {
      return -1;
    }
    long v = 0;
    int bad = 0;
    for (int i = from; i < point; i++) {
      int d = b[i] - '0';
      bad |= d | (9 - d);
      v = v * 10 + d;
    }
    for (int i = point + 1; i < to; i++) {
      int d = b[i] - '0';
      bad |= d | (9 - d);
      v = v * 10 + d;
    }
    return bad < 0 ? -1 : v;
  }

  /** The unscaled value, or {@code Long.MIN_VALUE} when the text needs the {@link BigDecimal} path. */
  private long parseUnscaled(byte[] b, int start, int end) {
    int i = start;
    boolean negative = false;
    if (i < end && (b[i] == '-' || b[i] == '+')) {
      negative = b[i] == '-';
      i++;
    }
    long unscaled = 0;
    int integerDigits = 0;
    boolean digits = false;
    for (; i < end && b[i] >= '0' && b[i] <= '9'; i++) {
      digits = true;
      if (unscaled != 0 || b[i] != '0') {
        unscaled = unscaled * 10 + (b[i] - '0');
        if (++integerDigits > precision - scale) {
          throw UNPARSEABLE;
        }
      }
    }
    int kept = 0;
    boolean roundUp = false;
    if (i < end && b[i] == '.') {
      for (i++; i < end && b[i] >= '0' && b[i] <= '9'; i++) {
        digits = true;
        if (kept < scale) {
          unscaled = unscaled * 10 + (b[i] - '0');
          kept++;
        } else if (kept == scale) {
          roundUp = b[i] >= '5';
          kept++;
        }
      }
    }
    if (i < end && (b[i] == 'e' || b[i] == 'E') && digits) {
      return Long.MIN_VALUE;
    }
    if (i != end || !digits) {
      throw UNPARSEABLE;
    }
    for (int k = Math.min(kept, scale); k < scale; k++) {
      unscaled *= 10;
    }
    if (roundUp && ++unscaled >= POWERS[precision]) {
      throw UNPARSEABLE;
    }
    return negative ? -unscaled : unscaled;
  }

  private BigDecimal parseBig(byte[] b, int start, int end) {
    BigDecimal value;
    try {
      value = new BigDecimal(new String(b, start, end - start, StandardCharsets.ISO_8859_1))
          .setScale(scale, RoundingMode.HALF_UP);
    } catch (NumberFormatException | ArithmeticException e) {
      throw UNPARSEABLE;
    }
    if (value.precision() > precision && value.signum() != 0) {
      throw UNPARSEABLE;
    }
    return value;
  }
}
