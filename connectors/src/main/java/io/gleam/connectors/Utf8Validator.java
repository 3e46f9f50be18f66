package io.gleam.connectors;

/**
 * Checks that bytes are well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF),
 * skipping ASCII eight bytes at a time, so text can be copied into Arrow vectors without decoding it.
 */
final class Utf8Validator {
  private static final long HIGHS = 0x8080808080808080L;

  private Utf8Validator() {}

  /** The index of the first byte of the first malformed sequence in {@code b[from, to)}, or -1 if all is valid. */
  static int firstInvalid(byte[] b, int from, int to) {
    int i = from;
    while (true) {
      while (i + 8 <= to && ((long) ByteScan.LONGS.get(b, i) & HIGHS) == 0) {
        i += 8;
      }
      while (i < to && b[i] >= 0) {
        i++;
      }
      if (i >= to) {
        return -1;
      }
      int c = b[i] & 0xFF;
      if (c < 0xC2) {
        return i;
      } else if (c < 0xE0) {
        if (i + 1 >= to || !continuation(b[i + 1])) {
          return i;
        }
        i += 2;
      } else if (c < 0xF0) {
        if (i + 2 >= to) {
          return i;
        }
        int c1 = b[i + 1] & 0xFF;
        if (!continuation(b[i + 1]) || !continuation(b[i + 2])
            || (c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0)) {
          return i;
        }
        i += 3;
      } else if (c < 0xF5) {
        if (i + 3 >= to) {
          return i;
        }
        int c1 = b[i + 1] & 0xFF;
        if (!continuation(b[i + 1]) || !continuation(b[i + 2]) || !continuation(b[i + 3])
            || (c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 >= 0x90)) {
          return i;
        }
        i += 4;
      } else {
        return i;
      }
    }
  }

  private static boolean continuation(byte x) {
    return (x & 0xC0) == 0x80;
  }
}
