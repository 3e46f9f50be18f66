package io.gleam.connectors;

import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Parses {@code yyyy-mm-dd} into a date column, or {@code yyyy-mm-dd[( |T)hh:mm[:ss[.fraction]]][Z]} into a
 * timestamp column (microseconds, no time zone; digits past the microsecond are dropped). Spaces around the value
 * are allowed; an impossible date such as {@code 2023-02-30} does not parse.
 */
final class DateTimeFieldParser extends FieldParser {
  private static final long MICROS_PER_DAY = 86_400_000_000L;

  private final boolean timestamp;
  private long validity;
  private long data;

  DateTimeFieldParser(Field field, boolean timestamp) {
    super(field);
    this.timestamp = timestamp;
  }

  @Override
  void bind(FieldVector v) {
    validity = v.getValidityBufferAddress();
    data = v.getDataBufferAddress();
  }

  @Override
  void parse(byte[] b, int from, int to, int row) {
    if (!timestamp && to - from == 10 && b[from + 4] == '-' && b[from + 7] == '-') {
      // yyyy-mm-dd, the common case: digits checked together
      int y0 = b[from] - '0';
      int y1 = b[from + 1] - '0';
      int y2 = b[from + 2] - '0';
      int y3 = b[from + 3] - '0';
      int m0 = b[from + 5] - '0';
      int m1 = b[from + 6] - '0';
      int d0 = b[from + 8] - '0';
      int d1 = b[from + 9] - '0';
      int all = y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1;
      int nines = (9 - y0) | (9 - y1) | (9 - y2) | (9 - y3) | (9 - m0) | (9 - m1) | (9 - d0) | (9 - d1);
      if ((all | nines) >= 0) {
        long day = epochDay(((y0 * 10 + y1) * 10 + y2) * 10 + y3, (byte) '-', m0 * 10 + m1, (byte) '-',
            d0 * 10 + d1);
        MemoryUtil.putInt(data + 4L * row, (int) day);
        setValid(validity, row);
        return;
      }
    }
    int i = trimStart(b, from, to);
    int end = trimEnd(b, i, to);
    if (end - i < 10) {
      throw UNPARSEABLE;
    }
    long day = epochDay(digits(b, i, 4), b[i + 4], digits(b, i + 5, 2), b[i + 7], digits(b, i + 8, 2));
    if (!timestamp) {
      if (end != i + 10) {
        throw UNPARSEABLE;
      }
      MemoryUtil.putInt(data + 4L * row, (int) day);
      setValid(validity, row);
      return;
    }
    MemoryUtil.putLong(data + 8L * row, day * MICROS_PER_DAY + timeOfDay(b, i + 10, end));
    setValid(validity, row);
  }

  @Override
  boolean within(int row, long low, long high) {
    if (!isValid(validity, row)) {
      return false;
    }
    long v = timestamp ? MemoryUtil.getLong(data + 8L * row) : MemoryUtil.getInt(data + 4L * row);
    return v >= low && v <= high;
  }

  @Override
  void setNull(int row) {
    setInvalid(validity, row);
  }

  /** Microseconds since midnight of {@code [( |T)hh:mm[:ss[.fraction]]][Z]}, or 0 for nothing. */
  private static long timeOfDay(byte[] b, int from, int end) {
    int i = from;
    if (i < end && b[end - 1] == 'Z') {
      end--;
    }
    if (i == end) {
      return 0;
    }
    if ((b[i] != ' ' && b[i] != 'T') || end - i < 6 || b[i + 3] != ':') {
      throw UNPARSEABLE;
    }
    int hour = digits(b, i + 1, 2);
    int minute = digits(b, i + 4, 2);
    int second = 0;
    long micros = 0;
    i += 6;
    if (i < end) {
      if (b[i] != ':' || end - i < 3) {
        throw UNPARSEABLE;
      }
      second = digits(b, i + 1, 2);
      i += 3;
      if (i < end) {
        if (b[i] != '.' || i + 1 == end) {
          throw UNPARSEABLE;
        }
        int scale = 100_000;
        for (i++; i < end; i++) {
          int d = b[i] - '0';
          if (d < 0 || d > 9) {
            throw UNPARSEABLE;
          }
          micros += (long) d * scale;
          scale /= 10;
        }
      }
    }
    if (hour > 23 || minute > 59 || second > 59) {
      throw UNPARSEABLE;
    }
    return ((hour * 60L + minute) * 60 + second) * 1_000_000L + micros;
  }

  static long epochDay(int year, byte dash1, int month, byte dash2, int day) {
    if (dash1 != '-' || dash2 != '-') {
      throw UNPARSEABLE;
    }
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
      throw UNPARSEABLE;
    }
    // Days from the civil date (proleptic Gregorian, as LocalDate counts), with years starting in March so the
    // leap day comes last; year is 0 to 9999 here.
    int y = month <= 2 ? year - 1 : year;
    int era = Math.floorDiv(y, 400);
    int yearOfEra = y - era * 400;
    int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146_097L + dayOfEra - 719_468;
  }

  private static int daysInMonth(int year, int month) {
    if (month == 2) {
      return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
    }
    return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
  }

  private static int digits(byte[] b, int from, int n) {
    int v = 0;
    for (int i = from; i < from + n; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        throw UNPARSEABLE;
      }
      v = v * 10 + d;
    }
    return v;
  }
}
