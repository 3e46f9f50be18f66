package io.gleam.connectors;

import java.time.DateTimeException;
import java.time.LocalDate;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Parses {@code yyyy-mm-dd} into a date column, or {@code yyyy-mm-dd[( |T)hh:mm[:ss[.fraction]]][Z]} into a
 * timestamp column (microseconds, no time zone; digits past the microsecond are dropped). Spaces around the value
 * are allowed; an impossible date such as {@code 2023-02-30} does not parse.
 */
final class DateTimeFieldParser extends FieldParser {
  private static final long MICROS_PER_DAY = 86_400_000_000L;

  private final boolean timestamp;
  private DateDayVector dates;
  private TimeStampMicroVector timestamps;

  DateTimeFieldParser(Field field, boolean timestamp) {
    super(field);
    this.timestamp = timestamp;
  }

  @Override
  void bind(FieldVector v) {
    if (timestamp) {
      timestamps = (TimeStampMicroVector) v;
    } else {
      dates = (DateDayVector) v;
    }
  }

  @Override
  void parse(byte[] b, int from, int to, int row) {
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
      dates.set(row, (int) day);
      return;
    }
    timestamps.set(row, day * MICROS_PER_DAY + timeOfDay(b, i + 10, end));
  }

  @Override
  void setNull(int row) {
    if (timestamp) {
      timestamps.setNull(row);
    } else {
      dates.setNull(row);
    }
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

  private static long epochDay(int year, byte dash1, int month, byte dash2, int day) {
    if (dash1 != '-' || dash2 != '-') {
      throw UNPARSEABLE;
    }
    try {
      return LocalDate.of(year, month, day).toEpochDay();
    } catch (DateTimeException e) {
      throw UNPARSEABLE;
    }
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
