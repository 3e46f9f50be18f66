package io.gleam.udf.lua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VarCharVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;

class LuaValuesTest {
  private BufferAllocator allocator;

  @BeforeEach
  void setUp() {
    allocator = new RootAllocator();
  }

  @AfterEach
  void tearDown() {
    allocator.close();
  }

  @Test
  void javaToLua() {
    assertEquals(LuaValue.NIL, LuaValues.toLua(null));
    assertEquals(42, LuaValues.toLua(42L).toint());
    assertTrue(LuaValues.toLua(42L).isint());
    assertEquals(1L << 40, LuaValues.toLua(1L << 40).tolong());
    assertEquals(2.5, LuaValues.toLua(2.5).todouble());
    assertEquals("héllo", LuaValues.toLua("héllo").tojstring());
    assertEquals(6, LuaValues.toLua("héllo").length(), "Lua strings are UTF-8 bytes");
    assertEquals(LuaValue.TRUE, LuaValues.toLua(true));
    assertEquals("2024-01-02T03:04:05", LuaValues.toLua(LocalDateTime.of(2024, 1, 2, 3, 4, 5)).tojstring());
    LuaValue list = LuaValues.toLua(List.of(1L, "a"));
    assertEquals(2, list.length());
    assertEquals("a", list.get(2).tojstring());
    assertEquals(5, LuaValues.toLua(Map.of("k", 5L)).get("k").toint());
    GleamException e = assertThrows(GleamException.class, () -> LuaValues.toLua(new Object()));
    assertEquals(ErrorCode.LUA_ERROR, e.code());
  }

  @Test
  void luaToJava() {
    assertNull(LuaValues.toJava(LuaValue.NIL));
    assertEquals(3L, LuaValues.toJava(LuaValue.valueOf(3)));
    assertEquals(3L, LuaValues.toJava(LuaValue.valueOf(3.0)));
    assertEquals(1L << 53, LuaValues.toJava(LuaValue.valueOf((double) (1L << 53))));
    assertEquals(0.1, LuaValues.toJava(LuaValue.valueOf(0.1)));
    assertEquals(1e300, LuaValues.toJava(LuaValue.valueOf(1e300)), "too big for a long");
    assertTrue(Double.isNaN((Double) LuaValues.toJava(LuaValue.valueOf(Double.NaN))));
    assertEquals(Double.POSITIVE_INFINITY, LuaValues.toJava(LuaValue.valueOf(Double.POSITIVE_INFINITY)));
    assertEquals("wörld 😀", LuaValues.toJava(LuaValues.toLua("wörld 😀")));
    assertEquals(false, LuaValues.toJava(LuaValue.FALSE));
    assertEquals(List.of(1L, List.of("x")), LuaValues.toJava(LuaValues.toLua(List.of(1L, List.of("x")))));
  }

  @Test
  void utf8BytesWithoutDecoding() {
    byte[] bytes = "xx wörld yy".getBytes(StandardCharsets.UTF_8);
    LuaString s = LuaValues.fromUtf8(bytes, 3, 6);
    bytes[3] = 'W';
    assertEquals("wörld", s.tojstring(), "fromUtf8 copies");
    byte[] owned = "abc".getBytes(StandardCharsets.UTF_8);
    assertTrue(LuaValues.wrapUtf8(owned).m_bytes == owned, "wrapUtf8 does not copy");
    assertEquals("rld", new String(LuaValues.toUtf8(s.substring(3, 6)), StandardCharsets.UTF_8));
  }

  @Test
  void wordCountOverVarCharVectors() {
    CompiledLuaFunction words = LuaFunctions.compile("flatMap#1", "function(line) return line:gmatch('%S+') end",
        LuaSandbox.DEFAULT);
    try (VarCharVector lines = new VarCharVector("line", allocator);
         VarCharVector out = new VarCharVector("word", allocator)) {
      lines.allocateNew();
      lines.setSafe(0, "a rose is".getBytes(StandardCharsets.UTF_8));
      lines.setNull(1);
      lines.setSafe(2, "ünïcödé  wörds".getBytes(StandardCharsets.UTF_8));
      lines.setValueCount(3);
      out.allocateNew();
      int[] count = {0};
      for (int i = 0; i < lines.getValueCount(); i++) {
        LuaValue line = LuaValues.fromVarChar(lines, i);
        if (line.isnil()) {
          continue;
        }
        words.flatCallLua(line, word -> LuaValues.setVarChar(out, count[0]++, word.arg1()));
      }
      LuaValues.setVarChar(out, count[0]++, LuaValue.NIL);
      LuaValues.setVarChar(out, count[0]++, LuaValue.valueOf(12));
      out.setValueCount(count[0]);
      List<String> written = new ArrayList<>();
      for (int i = 0; i < out.getValueCount(); i++) {
        written.add(out.isNull(i) ? null : new String(out.get(i), StandardCharsets.UTF_8));
      }
      assertEquals(java.util.Arrays.asList("a", "rose", "is", "ünïcödé", "wörds", null, "12"), written);
      GleamException e = assertThrows(GleamException.class,
          () -> LuaValues.setVarChar(out, 0, LuaValue.tableOf()));
      assertEquals("column 'word' takes a string, the Lua function returned a table", e.getMessage());
    }
  }
}
