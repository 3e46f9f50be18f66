package io.gleam.exec.expr;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.FieldVector;

/**
 * The functions generated kernels call, public only so that generated classes (in their own class loader) can
 * reach them. Decimals are {@code long} unscaled values; dates are days since 1970-01-01; strings are UTF-8 byte
 * ranges {@code (array, offset, length)}. Any condition the kernel cannot handle, an overflow of 64-bit arithmetic
 * or a data error, throws {@link #fallback()} or {@link ArithmeticException}: the batch is then evaluated again by
 * {@link ExprInterpreter}, which computes with unbounded numbers and reports errors with their messages.
 */
public final class KernelRuntime {
  /** 10^0 .. 10^18. */
  static final long[] POW10 = new long[19];
  private static final double[] DOUBLE_POW10 = new double[19];

  static {
    POW10[0] = 1;
    DOUBLE_POW10[0] = 1;
    for (int i = 1; i < POW10.length; i++) {
      POW10[i] = POW10[i - 1] * 10;
      DOUBLE_POW10[i] = POW10[i];
    }
  }

  private static final KernelFallback FALLBACK = new KernelFallback();
  private static final double TWO_POW_63 = 9.223372036854775808E18;

  private KernelRuntime() {}

  /** Thrown by a kernel for a row it cannot evaluate; never escapes {@link CompiledProjection}. */
  static final class KernelFallback extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private KernelFallback() {
      super("evaluate this batch with the interpreter", null, false, false);
    }
  }

  public static RuntimeException fallback() {
    return FALLBACK;
  }

  // ---- integers and decimals

  /** {@code FAIL(message)} in a kernel: hands the batch to the interpreter, which raises the error. */
  public static boolean fail() {
    throw FALLBACK;
  }

  public static long checkInt(long v) {
    if (v != (int) v) {
      throw FALLBACK;
    }
    return v;
  }

  /** {@code |v| < limit}, the decimal precision check ({@code limit} is 10^precision). */
  public static long checkPrecision(long v, long limit) {
    if (v >= limit || v <= -limit) {
      throw FALLBACK;
    }
    return v;
  }

  public static long divide(long a, long b) {
    if (b == 0 || (a == Long.MIN_VALUE && b == -1)) {
      throw FALLBACK;
    }
    return a / b;
  }

  public static long mod(long a, long b) {
    if (b == 0) {
      throw FALLBACK;
    }
    return a % b;
  }

  /** {@code v / divisor} rounded half away from zero; divisor is a positive power of ten. */
  public static long rescaleDown(long v, long divisor) {
    long q = v / divisor;
    long r = v % divisor;
    if (Math.abs(r) >= divisor - Math.abs(r)) {
      q += v < 0 ? -1 : 1;
    }
    return q;
  }

  /** {@code n / d} rounded half away from zero. */
  public static long divideRounded(long n, long d) {
    if (d == 0 || (n == Long.MIN_VALUE && d == -1)) {
      throw FALLBACK;
    }
    long q = n / d;
    long r = Math.absExact(n % d);
    long ad = Math.absExact(d);
    if (r != 0 && r >= ad - r) {
      q += (n < 0) == (d < 0) ? 1 : -1;
    }
    return q;
  }

  /**
   * The quotient of unscaled decimals {@code a} and {@code b}, rounded half up at a scale {@code shift} digits
   * larger than {@code a}'s scale minus {@code b}'s.
   */
  public static long divideDecimal(long a, long b, int shift) {
    if (b == 0) {
      throw FALLBACK;
    }
    return shift >= 0 ? divideRounded(Math.multiplyExact(a, POW10[shift]), b)
        : divideRounded(a, Math.multiplyExact(b, POW10[-shift]));
  }

  /** A bigint rounded half away from zero to a multiple of {@code unit}, a power of ten. */
  public static long roundLong(long v, long unit) {
    return Math.multiplyExact(rescaleDown(v, unit), unit);
  }

  public static double roundDouble(double v, int digits) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return v;
    }
    return BigDecimal.valueOf(v).setScale(digits, RoundingMode.HALF_UP).doubleValue();
  }

  public static double decimalToDouble(long unscaled, int scale) {
    if (Math.abs(unscaled) < 1L << 52 && unscaled != Long.MIN_VALUE && scale < DOUBLE_POW10.length) {
      return (double) unscaled / DOUBLE_POW10[scale];
    }
    return BigDecimal.valueOf(unscaled, scale).doubleValue();
  }

  /** Truncates toward zero; NaN and values out of range do not convert. */
  public static long doubleToLong(double v) {
    if (!(v >= -TWO_POW_63 && v < TWO_POW_63)) {
      throw FALLBACK;
    }
    return (long) v;
  }

  public static long doubleToDecimal(double v, int scale) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      throw FALLBACK;
    }
    return BigDecimal.valueOf(v).setScale(scale, RoundingMode.HALF_UP).unscaledValue().longValueExact();
  }

  // ---- buffers, read and written by address after one check per batch

  /**
   * Checks that a vector's buffers hold rows {@code [0, rows)}: {@code width} bytes per value, 0 for bits, -1 for
   * variable width (4-byte offsets).
   */
  public static void checkReadable(FieldVector v, int rows, int width) {
    long dataBytes = width > 0 ? (long) rows * width : width == 0 ? (rows + 7L) / 8 : 0;
    boolean ok = v.getValueCount() >= rows && v.getValidityBuffer().capacity() >= (rows + 7L) / 8
        && v.getDataBuffer().capacity() >= dataBytes
        && (width >= 0 || rows == 0 || v.getOffsetBuffer().capacity() >= (rows + 1L) * 4);
    if (!ok) {
      throw new GleamException(ErrorCode.INTERNAL, "vector " + v.getField() + " of " + v.getValueCount()
          + " values does not hold the batch's " + rows + " rows");
    }
  }

  public static boolean isNull(long validity, int index) {
    return (MemoryUtil.getByte(validity + (index >> 3)) & (1 << (index & 7))) == 0;
  }

  public static boolean bit(long data, int index) {
    return (MemoryUtil.getByte(data + (index >> 3)) & (1 << (index & 7))) != 0;
  }

  public static void setBit(long address, int index) {
    long a = address + (index >> 3);
    MemoryUtil.putByte(a, (byte) (MemoryUtil.getByte(a) | (1 << (index & 7))));
  }

  public static void clearBit(long address, int index) {
    long a = address + (index >> 3);
    MemoryUtil.putByte(a, (byte) (MemoryUtil.getByte(a) & ~(1 << (index & 7))));
  }

  /** Marks values {@code [0, count)} of a freshly allocated fixed-width vector valid; returns its data address. */
  public static long prepareOutput(FieldVector out, int count, int width) {
    long bytes = width > 0 ? (long) count * width : (count + 7L) / 8;
    if (out.getValueCapacity() < count || out.getDataBuffer().capacity() < bytes) {
      throw new GleamException(ErrorCode.INTERNAL, "output vector " + out.getField() + " has room for "
          + out.getValueCapacity() + " values, not " + count);
    }
    ArrowBuf validity = out.getValidityBuffer();
    validity.setOne(0L, (long) (count >> 3));
    if ((count & 7) != 0) {
      validity.setByte(count >> 3, (1 << (count & 7)) - 1);
    }
    return out.getDataBuffer().memoryAddress();
  }

  public static void putDecimal(long data, int index, long unscaled) {
    long a = data + (long) index * 16;
    MemoryUtil.putLong(a, unscaled);
    MemoryUtil.putLong(a + 8, unscaled >> 63);
  }

  /** Reads a 128-bit decimal that must fit 64 bits. */
  public static long decimal128(long data, int index) {
    long a = data + (long) index * 16;
    long lo = MemoryUtil.getLong(a);
    long hi = MemoryUtil.getLong(a + 8);
    if (hi != lo >> 63) {
      throw FALLBACK;
    }
    return lo;
  }

  // ---- dates

  public static long checkDate(long days) {
    if (days != (int) days) {
      throw FALLBACK;
    }
    return days;
  }

  public static long year(long days) {
    return civil(days) >> 9;
  }

  public static long month(long days) {
    return (civil(days) >> 5) & 15;
  }

  public static long day(long days) {
    return civil(days) & 31;
  }

  /** Adds months, the day clamped to the length of the resulting month. */
  public static long addMonths(long days, long months) {
    long c = civil(days);
    long total = Math.addExact(Math.multiplyExact(c >> 9, 12L) + ((c >> 5) & 15) - 1, months);
    long year = Math.floorDiv(total, 12);
    if (Math.abs(year) > 10_000_000) {
      throw FALLBACK;
    }
    int month = (int) Math.floorMod(total, 12) + 1;
    long day = Math.min(c & 31, monthLength(year, month));
    return checkDate(daysFromCivil(year, month, day));
  }

  private static int monthLength(long year, int month) {
    if (month == 2) {
      boolean leap = (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
      return leap ? 29 : 28;
    }
    return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
  }

  /** Year, month and day of a day number packed as {@code year << 9 | month << 5 | day} (civil calendar). */
  private static long civil(long days) {
    long z = days + 719468;
    long era = Math.floorDiv(z, 146097);
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long day = doy - (153 * mp + 2) / 5 + 1;
    long month = mp < 10 ? mp + 3 : mp - 9;
    long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    return year << 9 | month << 5 | day;
  }

  private static long daysFromCivil(long year, int month, long day) {
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    long yoe = y - era * 400;
    long doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
  }

  // ---- strings

  public static boolean equal(byte[] a, int ao, int al, byte[] b, int bo, int bl) {
    return al == bl && Arrays.equals(a, ao, ao + al, b, bo, bo + bl);
  }

  /** Compares UTF-8 byte ranges as unsigned bytes, which is code point order. */
  public static int compare(byte[] a, int ao, int al, byte[] b, int bo, int bl) {
    return Arrays.compareUnsigned(a, ao, ao + al, b, bo, bo + bl);
  }

  /** A scratch array of at least {@code length} bytes: {@code scratch} itself when big enough. */
  public static byte[] grow(byte[] scratch, int length) {
    return scratch.length >= length ? scratch : new byte[Math.max(length, scratch.length * 2)];
  }

  public static int charLength(byte[] a, int off, int len) {
    int n = 0;
    for (int i = off; i < off + len; i++) {
      if ((a[i] & 0xC0) != 0x80) {
        n++;
      }
    }
    return n;
  }

  /**
   * The 1-based character position of the first occurrence of {@code n} in {@code s}, 0 if there is none, 1 for an
   * empty {@code n}.
   */
  public static long position(byte[] s, int off, int len, byte[] n, int noff, int nlen) {
    int at = indexOf(s, off, off + len, n, noff, nlen);
    return at < 0 ? 0L : charLength(s, off, at - off) + 1L;
  }

  /** The index of the first occurrence of {@code n} in {@code a[from, end)}, or -1. */
  private static int indexOf(byte[] a, int from, int end, byte[] n, int noff, int nlen) {
    int last = end - nlen;
    outer:
    for (int i = from; i <= last; i++) {
      for (int j = 0; j < nlen; j++) {
        if (a[i + j] != n[noff + j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** {@code s} with every occurrence of {@code f} replaced by {@code t}, in a new array; an empty {@code f} copies. */
  public static byte[] replace(byte[] s, int off, int len, byte[] f, int foff, int flen, byte[] t, int toff,
      int tlen) {
    int end = off + len;
    int count = 0;
    if (flen > 0) {
      for (int at = indexOf(s, off, end, f, foff, flen); at >= 0; at = indexOf(s, at + flen, end, f, foff, flen)) {
        count++;
      }
    }
    if (count == 0) {
      return Arrays.copyOfRange(s, off, end);
    }
    byte[] out = new byte[len + count * (tlen - flen)];
    int o = 0;
    int p = off;
    for (int at = indexOf(s, p, end, f, foff, flen); at >= 0; at = indexOf(s, p, end, f, foff, flen)) {
      System.arraycopy(s, p, out, o, at - p);
      o += at - p;
      System.arraycopy(t, toff, out, o, tlen);
      o += tlen;
      p = at + flen;
    }
    System.arraycopy(s, p, out, o, end - p);
    return out;
  }

  /** The position {@code count} characters after {@code from}, or {@code end} if the range has fewer. */
  public static int skipChars(byte[] a, int from, int end, long count) {
    int p = from;
    for (long c = 0; c < count && p < end; c++) {
      p++;
      while (p < end && (a[p] & 0xC0) == 0x80) {
        p++;
      }
    }
    return p;
  }

  /** {@code a + b}, or {@link Long#MAX_VALUE} when that overflows upward. */
  public static long saturatedAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? (a > 0 ? Long.MAX_VALUE : Long.MIN_VALUE) : r;
  }

  public static int trimStart(byte[] a, int from, int end) {
    while (from < end && a[from] == ' ') {
      from++;
    }
    return from;
  }

  public static int trimEnd(byte[] a, int from, int end) {
    while (end > from && a[end - 1] == ' ') {
      end--;
    }
    return end;
  }

  public static boolean isAscii(byte[] a, int off, int len) {
    for (int i = off; i < off + len; i++) {
      if (a[i] < 0) {
        return false;
      }
    }
    return true;
  }

  /** Writes the ASCII range {@code a[off, off+len)} in upper (or lower) case to {@code out[0, len)}. */
  public static void changeCaseAscii(byte[] a, int off, int len, byte[] out, boolean upper) {
    for (int i = 0; i < len; i++) {
      byte b = a[off + i];
      if (upper ? b >= 'a' && b <= 'z' : b >= 'A' && b <= 'Z') {
        b ^= 0x20;
      }
      out[i] = b;
    }
  }

  public static byte[] changeCase(byte[] a, int off, int len, boolean upper) {
    String s = new String(a, off, len, StandardCharsets.UTF_8);
    return (upper ? s.toUpperCase(Locale.ROOT) : s.toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8);
  }

  /** LIKE with a pattern that is not a constant; the escape is a code point or -1. */
  public static boolean like(byte[] a, int off, int len, byte[] p, int po, int pl, int escape) {
    try {
      return LikeMatcher.compile(new String(p, po, pl, StandardCharsets.UTF_8), escape).matches(a, off, len);
    } catch (IllegalArgumentException e) {
      throw FALLBACK;
    }
  }

  // ---- casts from and to strings

  private static String text(byte[] a, int off, int len) {
    return new String(a, off, len, StandardCharsets.UTF_8);
  }

  public static long parseLong(byte[] a, int off, int len) {
    try {
      return Long.parseLong(text(a, off, len).trim());
    } catch (NumberFormatException e) {
      throw FALLBACK;
    }
  }

  public static double parseDouble(byte[] a, int off, int len) {
    try {
      return Double.parseDouble(text(a, off, len).trim());
    } catch (NumberFormatException e) {
      throw FALLBACK;
    }
  }

  public static long parseDecimal(byte[] a, int off, int len, int scale) {
    try {
      return new BigDecimal(text(a, off, len).trim()).setScale(scale, RoundingMode.HALF_UP).unscaledValue()
          .longValueExact();
    } catch (NumberFormatException e) {
      throw FALLBACK;
    }
  }

  public static long parseDate(byte[] a, int off, int len) {
    try {
      return checkDate(LocalDate.parse(text(a, off, len).trim()).toEpochDay());
    } catch (java.time.DateTimeException e) {
      throw FALLBACK;
    }
  }

  public static boolean parseBoolean(byte[] a, int off, int len) {
    String s = text(a, off, len).trim();
    if (s.equalsIgnoreCase("true")) {
      return true;
    } else if (s.equalsIgnoreCase("false")) {
      return false;
    }
    throw FALLBACK;
  }

  public static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] decimalToString(long unscaled, int scale) {
    return utf8(BigDecimal.valueOf(unscaled, scale).toPlainString());
  }

  public static byte[] dateToString(long days) {
    return utf8(LocalDate.ofEpochDay(days).toString());
  }
}
