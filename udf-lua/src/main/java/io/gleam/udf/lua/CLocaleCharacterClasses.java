package io.gleam.udf.lua;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import java.lang.reflect.Field;
import org.luaj.vm2.lib.StringLib;

/**
 * Makes Lua pattern classes ({@code %w}, {@code %a}, {@code %l}, ...) follow the C locale, as reference Lua does:
 * only ASCII bytes are letters, digits, spaces or punctuation. LuaJ classifies bytes 128-255 as Latin-1 characters,
 * so {@code ("café"):gmatch("%w+")} would yield the first byte of the UTF-8 {@code é} as part of a word; with this
 * fix it yields {@code caf}, like {@code LC_ALL=C tr -cs 'A-Za-z0-9'}. Applied once per process.
 */
final class CLocaleCharacterClasses {
  private static volatile boolean applied;

  private CLocaleCharacterClasses() {}

  static void apply() {
    if (applied) {
      return;
    }
    synchronized (CLocaleCharacterClasses.class) {
      if (applied) {
        return;
      }
      try {
        Field f = StringLib.class.getDeclaredField("CHAR_TABLE");
        f.setAccessible(true);
        byte[] table = (byte[]) f.get(null);
        for (int i = 128; i < table.length; i++) {
          table[i] = 0;
        }
      } catch (ReflectiveOperationException | RuntimeException e) {
        throw new GleamException(ErrorCode.INTERNAL, "cannot set Lua character classes to the C locale: " + e, e);
      }
      applied = true;
    }
  }
}
