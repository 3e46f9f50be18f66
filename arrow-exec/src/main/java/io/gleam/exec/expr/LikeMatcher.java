package io.gleam.exec.expr;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Matches UTF-8 bytes against a SQL LIKE pattern without decoding them. The pattern is cut at each {@code %} into
 * segments of literal bytes and {@code _} (one character each). The first segment must match at the start, the
 * last at the end (either may be empty), and the ones between are found left to right at their earliest
 * position, which is enough because a segment matches a fixed number of characters. Immutable, so one matcher
 * serves every thread.
 */
public final class LikeMatcher {
  private static final int ANY_CHAR = -1;

  /** Per segment: byte values 0..255, or {@link #ANY_CHAR}. */
  private final int[][] segments;
  private final int[] segmentChars;

  private LikeMatcher(List<int[]> segments) {
    this.segments = segments.toArray(new int[0][]);
    this.segmentChars = new int[this.segments.length];
    for (int s = 0; s < this.segments.length; s++) {
      int chars = 0;
      for (int item : this.segments[s]) {
        if (item == ANY_CHAR || (item & 0xC0) != 0x80) {
          chars++;
        }
      }
      segmentChars[s] = chars;
    }
  }

  /**
   * Compiles a pattern; {@code escape} is the escape character's code point, or -1 for none.
   *
   * @throws IllegalArgumentException when the escape is not followed by {@code %}, {@code _} or itself
   */
  public static LikeMatcher compile(String pattern, int escape) {
    List<int[]> segments = new ArrayList<>();
    List<Integer> current = new ArrayList<>();
    int[] cps = pattern.codePoints().toArray();
    for (int i = 0; i < cps.length; i++) {
      int c = cps[i];
      if (c == escape) {
        if (i + 1 == cps.length || (cps[i + 1] != '%' && cps[i + 1] != '_' && cps[i + 1] != escape)) {
          throw new IllegalArgumentException("the escape must be followed by %, _ or itself");
        }
        addBytes(current, cps[++i]);
      } else if (c == '%') {
        segments.add(toArray(current));
        current.clear();
      } else if (c == '_') {
        current.add(ANY_CHAR);
      } else {
        addBytes(current, c);
      }
    }
    segments.add(toArray(current));
    return new LikeMatcher(segments);
  }

  private static void addBytes(List<Integer> items, int codePoint) {
    for (byte b : new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8)) {
      items.add(b & 0xFF);
    }
  }

  private static int[] toArray(List<Integer> items) {
    return items.stream().mapToInt(Integer::intValue).toArray();
  }

  public boolean matches(byte[] a, int off, int len) {
    int end = off + len;
    int last = segments.length - 1;
    int pos = matchAt(segments[0], a, off, end);
    if (pos < 0) {
      return false;
    } else if (last == 0) {
      return pos == end;
    }
    for (int s = 1; s < last; s++) {
      pos = find(segments[s], a, pos, end);
      if (pos < 0) {
        return false;
      }
    }
    int start = end;
    for (int c = 0; c < segmentChars[last]; c++) {
      if (start <= pos) {
        return false;
      }
      start--;
      while (start > pos && (a[start] & 0xC0) == 0x80) {
        start--;
      }
    }
    return matchAt(segments[last], a, start, end) == end;
  }

  /** The end of the earliest match of a segment at or after {@code from}, or -1. */
  private static int find(int[] segment, byte[] a, int from, int end) {
    if (segment.length == 0) {
      return from;
    }
    for (int s = from; s < end; s++) {
      if ((a[s] & 0xC0) == 0x80) {
        continue;
      }
      int e = matchAt(segment, a, s, end);
      if (e >= 0) {
        return e;
      }
    }
    return -1;
  }

  /** The end of the segment matched at {@code pos}, or -1. */
  private static int matchAt(int[] segment, byte[] a, int pos, int end) {
    for (int item : segment) {
      if (pos >= end) {
        return -1;
      }
      if (item == ANY_CHAR) {
        pos++;
        while (pos < end && (a[pos] & 0xC0) == 0x80) {
          pos++;
        }
      } else if ((a[pos] & 0xFF) != item) {
        return -1;
      } else {
        pos++;
      }
    }
    return pos;
  }
}
