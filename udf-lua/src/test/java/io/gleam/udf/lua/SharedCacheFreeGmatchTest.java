package io.gleam.udf.lua;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.jse.JsePlatform;

/** Gleam's gmatch gives exactly what LuaJ's own gmatch gives, over patterns with and without captures. */
class SharedCacheFreeGmatchTest {
  private static final String[] SUBJECTS = {
      "", "a", "hello world", "  lead and trail  ", "a1,b2;;c3", "key=val, k2=v2", "ab", "caf\u00e9 na\u00efve x",
      "x = 1 + 22 * 333", "\t\ttabs\tand\nnewlines\n", "under_score-dash a.b.c [x] %y% 0xFF ~!", "\u00ff\u00e9\u0001\u007f"};
  private static final String[] PATTERNS = {
      "%w+", "%a+", "%d+", "%s+", "[^,;]+", "(%w+)=(%w+)", "()%w+", "%p", ".", "^%w+", "o",
      // one class repeated: scanned with a byte table, must agree with the general matcher
      "%W+", "%S+", "%l+", "%u+", "%x+", "%p+", "%c+", "%g+", "%A+", "%D+", "[%w_]+", "[a-z]+", "[^%s]+",
      "[%a%-]+", "[]a]+", "[^]a]+", "%.+", "%%+", "a+", ".+", "[%d.]+", "[^%w]+", "x+", "%w+%s", "[%w]+a"};

  /** All matches of gmatch from {@code globals}, each as the list of its values. */
  private static List<List<String>> matches(Globals globals, String subject, String pattern) {
    LuaValue iterator = globals.get("string").get("gmatch").call(LuaValue.valueOf(subject), LuaValue.valueOf(pattern));
    List<List<String>> out = new ArrayList<>();
    for (int guard = 0; guard < 1000; guard++) {
      Varargs v = iterator.invoke(LuaValue.NONE);
      if (v.arg1().isnil()) {
        return out;
      }
      List<String> row = new ArrayList<>();
      for (int i = 1; i <= v.narg(); i++) {
        row.add(v.arg(i).tojstring());
      }
      out.add(row);
    }
    throw new AssertionError("gmatch did not end for " + pattern);
  }

  /** Patterns that can match the empty string, checked by hand against Lua 5.2's rules (LuaJ's gmatch loops). */
  @Test
  void emptyMatchesFollowLua52() {
    Globals sandboxed = SandboxGlobals.create(LuaSandbox.DEFAULT);
    assertEquals(List.of(List.of(""), List.of("")), matches(sandboxed, "a", "x*"));
    assertEquals(List.of(List.of("a1"), List.of(""), List.of("b2"), List.of("")), matches(sandboxed, "a1,b2", "%w*"));
    assertEquals(List.of(List.of("")), matches(sandboxed, "", "%w*"));
  }

  @Test
  void sameMatchesAsLuaJ() {
    Globals plain = JsePlatform.standardGlobals();
    Globals sandboxed = SandboxGlobals.create(LuaSandbox.DEFAULT);
    for (String s : SUBJECTS) {
      for (String p : PATTERNS) {
        assertEquals(matches(plain, s, p), matches(sandboxed, s, p), "gmatch('" + s + "', '" + p + "')");
      }
    }
  }
}
