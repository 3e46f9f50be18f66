package io.gleam.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FieldParserTest {
  private static double parseDouble(String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    return DoubleFieldParser.parseDouble(b, 0, b.length);
  }

  private static long parseLong(String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    return IntegerFieldParser.parseLong(b, 0, b.length);
  }

  @Test
  void doublesMatchTheJdkExactly() {
    Random random = new Random(5);
    for (int i = 0; i < 200_000; i++) {
      String s = switch (i % 4) {
        case 0 -> Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
        case 1 -> Double.toString(Double.longBitsToDouble(random.nextLong()));
        case 2 -> (random.nextBoolean() ? "-" : "") + random.nextInt(1_000_000) + "." + random.nextInt(1_000_000);
        default -> random.nextLong() + "e" + (random.nextInt(60) - 30);
      };
      if (s.contains("NaN") || s.contains("Infinity")) {
        continue;
      }
      assertEquals(Double.doubleToRawLongBits(Double.parseDouble(s)), Double.doubleToRawLongBits(parseDouble(s)), s);
    }
    assertEquals(0.1, parseDouble("0.1"));
    assertEquals(123.0, parseDouble(" 123 "));
    assertEquals(5.0, parseDouble("5."));
    assertEquals(0.5, parseDouble(".5"));
    assertEquals(9007199254740993.0, parseDouble("9007199254740993"));
    assertEquals(1e300, parseDouble("1e300"));
    for (String bad : new String[] {"", "-", ".", "e3", "1e", "1e+", "1.5f", "0x1p3", "1,5", "--1", "1 2"}) {
      assertThrows(FieldParser.Unparseable.class, () -> parseDouble(bad), bad);
    }
  }

  @Test
  void longsMatchTheJdkAndRejectOverflow() {
    Random random = new Random(9);
    for (int i = 0; i < 100_000; i++) {
      long v = random.nextLong() >> random.nextInt(64);
      assertEquals(v, parseLong(Long.toString(v)));
    }
    assertEquals(Long.MIN_VALUE, parseLong("-9223372036854775808"));
    assertEquals(Long.MAX_VALUE, parseLong("+9223372036854775807"));
    for (String bad : new String[] {"9223372036854775808", "-9223372036854775809", "", "+", "1-", "1.0", "99999999999999999999"}) {
      assertThrows(FieldParser.Unparseable.class, () -> parseLong(bad), bad);
    }
  }

  @Test
  void epochDaysMatchLocalDateAndRejectImpossibleDates() {
    for (long day = LocalDate.of(0, 1, 1).toEpochDay(); day <= LocalDate.of(9999, 12, 31).toEpochDay(); day += 7) {
      LocalDate date = LocalDate.ofEpochDay(day);
      assertEquals(day, DateTimeFieldParser.epochDay(date.getYear(), (byte) '-', date.getMonthValue(), (byte) '-',
          date.getDayOfMonth()), date.toString());
    }
    for (int year : new int[] {1600, 1900, 1996, 2000, 2023, 2024}) {
      for (int month = 1; month <= 12; month++) {
        LocalDate last = LocalDate.of(year, month, 1).plusMonths(1).minusDays(1);
        assertEquals(last.toEpochDay(), DateTimeFieldParser.epochDay(year, (byte) '-', month, (byte) '-',
            last.getDayOfMonth()));
        int month1 = month;
        assertThrows(FieldParser.Unparseable.class, () -> DateTimeFieldParser.epochDay(year, (byte) '-', month1,
            (byte) '-', last.getDayOfMonth() + 1), last + " + 1");
      }
    }
    assertThrows(FieldParser.Unparseable.class, () -> DateTimeFieldParser.epochDay(2023, (byte) '-', 13, (byte) '-', 1));
    assertThrows(FieldParser.Unparseable.class, () -> DateTimeFieldParser.epochDay(2023, (byte) '-', 0, (byte) '-', 1));
    assertThrows(FieldParser.Unparseable.class, () -> DateTimeFieldParser.epochDay(2023, (byte) '-', 1, (byte) '-', 0));
    assertThrows(FieldParser.Unparseable.class, () -> DateTimeFieldParser.epochDay(2023, (byte) '/', 1, (byte) '-', 1));
  }
}
