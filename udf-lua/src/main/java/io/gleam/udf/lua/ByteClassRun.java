package io.gleam.udf.lua;

import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;

/**
 * A Lua pattern that is one single-byte class repeated ({@code %w+}, {@code %S+}, {@code [%w_]+}, {@code [^,;]+},
 * {@code .+}, {@code a+}), compiled to a 256-entry table so {@code gmatch} can find each match with one scan over
 * the subject's bytes instead of running the general pattern matcher. The table is filled by asking the general
 * matcher about each of the 256 bytes, so the scan agrees with it exactly, locale fix and LuaJ's quirks included.
 */
final class ByteClassRun {
  private final LuaString pattern;
  private final boolean[] member;

  private ByteClassRun(LuaString pattern, boolean[] member) {
    this.pattern = pattern;
    this.member = member;
  }

  boolean isFor(LuaString p) {
    return pattern.raweq(p);
  }

  /**
   * The scan for {@code pattern} if it is exactly one class item followed by {@code +}, else null (the general
   * matcher handles it). {@code find} is the general {@code string.find}, used to learn the class's bytes.
   */
  static ByteClassRun compile(LuaString pattern, LuaValue find) {
    int n = pattern.length();
    if (n < 2 || pattern.luaByte(n - 1) != '+' || classEnd(pattern, 0) != n - 1) {
      return null;
    }
    LuaString anchored = LuaString.valueOf("^" + pattern.substring(0, n - 1).tojstring());
    boolean[] member = new boolean[256];
    byte[] one = new byte[1];
    for (int b = 0; b < 256; b++) {
      one[0] = (byte) b;
      member[b] = !find.call(LuaString.valueUsing(one.clone()), anchored).isnil();
    }
    return new ByteClassRun(pattern, member);
  }

  /**
   * Where the single class item starting at {@code i} ends, following Lua's own rules, or -1 if it is not one
   * that matches exactly one byte ({@code %b}, {@code %f}, back references and specials are not).
   */
  private static int classEnd(LuaString p, int i) {
    int n = p.length();
    int c = p.luaByte(i);
    if (c == '%') {
      if (i + 1 >= n) {
        return -1;
      }
      int x = p.luaByte(i + 1);
      return x == 'b' || x == 'f' || (x >= '0' && x <= '9') ? -1 : i + 2;
    }
    if (c == '[') {
      int j = i + 1;
      if (j < n && p.luaByte(j) == '^') {
        j++;
      }
      do {  // the first byte after [ or [^ is part of the set, even a ]
        if (j >= n) {
          return -1;
        }
        if (p.luaByte(j) == '%') {
          j++;
        }
        j++;
      } while (j < n && p.luaByte(j) != ']');
      return j < n ? j + 1 : -1;
    }
    return "^$*+?()[]%-".indexOf(c) >= 0 ? -1 : i + 1;
  }

  /**
   * The next match in {@code subject} at or after 0-based byte {@code from}: returns {@code start << 32 | end}
   * (end exclusive), or -1 when there is none.
   */
  long next(LuaString subject, int from) {
    byte[] bytes = subject.m_bytes;
    int base = subject.m_offset;
    int end = base + subject.m_length;
    boolean[] in = member;
    int i = base + from;
    while (i < end && !in[bytes[i] & 0xFF]) {
      i++;
    }
    if (i >= end) {
      return -1;
    }
    int start = i;
    while (i < end && in[bytes[i] & 0xFF]) {
      i++;
    }
    return ((long) (start - base) << 32) | (i - base);
  }
}
