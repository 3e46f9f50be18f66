package io.gleam.connectors;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Parses a decimal or scientific number, {@code NaN} or {@code [+-]Infinity}/{@code inf} into a double column.
 * Fast path (Clinger's): a mantissa of at most 2^53 and a power of ten within 22 give the correctly rounded value
 * with one multiplication or division; anything else goes through {@link Double#parseDouble}.
 */
final class DoubleFieldParser extends FieldParser {
  private static final double[] POWERS = new double[23];

  static {
    double p = 1;
    for (int i = 0; i < POWERS.length; i++) {
      POWERS[i] = p;
      p *= 10;
    }
  }

  private long validity;
  private long data;

  DoubleFieldParser(Field field) {
    super(field);
  }

  @Override
  void bind(FieldVector v) {
    validity = v.getValidityBufferAddress();
    data = v.getDataBufferAddress();
  }

  @Override
  void parse(byte[] b, int from, int to, int row) {
    MemoryUtil.putLong(data + 8L * row, Double.doubleToRawLongBits(parseDouble(b, from, to)));
    setValid(validity, row);
  }

  @Override
  void setNull(int row) {
    setInvalid(validity, row);
  }

  static double parseDouble(byte[] b, int from, int to) {
    int start = trimStart(b, from, to);
    int end = trimEnd(b, start, to);
    int i = start;
    boolean negative = false;
    if (i < end && (b[i] == '-' || b[i] == '+')) {
      negative = b[i] == '-';
      i++;
    }
    long mantissa = 0;
    int exponent = 0;
    boolean digits = false;
    boolean exact = true;
    for (; i < end && b[i] >= '0' && b[i] <= '9'; i++) {
      digits = true;
      if (mantissa < 100_000_000_000_000_000L) {
        mantissa = mantissa * 10 + (b[i] - '0');
      } else {
        exact = false;
      }
    }
    if (i < end && b[i] == '.') {
      for (i++; i < end && b[i] >= '0' && b[i] <= '9'; i++) {
        digits = true;
        if (mantissa < 100_000_000_000_000_000L) {
          mantissa = mantissa * 10 + (b[i] - '0');
          exponent--;
        } else {
          exact = false;
        }
      }
    }
    if (i < end && (b[i] == 'e' || b[i] == 'E') && digits) {
      int j = i + 1;
      boolean negativeExponent = false;
      if (j < end && (b[j] == '-' || b[j] == '+')) {
        negativeExponent = b[j] == '-';
        j++;
      }
      int e = 0;
      boolean expDigits = false;
      for (; j < end && b[j] >= '0' && b[j] <= '9'; j++) {
        expDigits = true;
        e = Math.min(e * 10 + (b[j] - '0'), 100_000);
      }
      if (!expDigits) {
        throw UNPARSEABLE;
      }
      exponent += negativeExponent ? -e : e;
      i = j;
    }
    if (i == end && digits && exact && mantissa <= (1L << 53) && exponent >= -22 && exponent <= 22) {
      double v = exponent < 0 ? mantissa / POWERS[-exponent] : mantissa * POWERS[exponent];
      return negative ? -v : v;
    }
    return slow(b, start, end);
  }

  private static double slow(byte[] b, int start, int end) {
    String s = new String(b, start, end - start, StandardCharsets.ISO_8859_1);
    switch (s.toLowerCase(Locale.ROOT)) {
      case "nan", "+nan", "-nan":
        return Double.NaN;
      case "inf", "+inf", "infinity", "+infinity":
        return Double.POSITIVE_INFINITY;
      case "-inf", "-infinity":
        return Double.NEGATIVE_INFINITY;
      default:
        break;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) {
        throw UNPARSEABLE;
      }
    }
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw UNPARSEABLE;
    }
  }
}
