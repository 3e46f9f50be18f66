package io.gleam.udf.lua;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.planner.fn.UserFunction;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

class CompiledLuaFunctionTest {
  private static CompiledLuaFunction lua(String source) {
    return LuaFunctions.compile("test#1", source, LuaSandbox.DEFAULT);
  }

  private static CompiledLuaFunction lua(String source, LuaEngine engine) {
    return LuaFunctions.compile("test#1", source, LuaSandbox.DEFAULT, engine);
  }

  private static List<List<Object>> flat(CompiledLuaFunction f, Object... args) {
    List<List<Object>> rows = new ArrayList<>();
    f.flatCall(args, row -> rows.add(Arrays.asList(row)));
    return rows;
  }

  @Test
  void compilesToBytecodeByDefault() {
    CompiledLuaFunction f = lua("function(x) return x + 1 end");
    assertEquals(LuaEngine.LUAJC, f.engine());
    assertEquals("test#1", f.stepName());
    assertEquals(LuaSandbox.DEFAULT, f.sandbox());
  }

  @ParameterizedTest
  @EnumSource(LuaEngine.class)
  void integerResultsAreLongsAndFractionsDoubles(LuaEngine engine) {
    assertArrayEquals(new Object[] {2L}, lua("function(x, y) return x + y end", engine).call(new Object[] {1L, 1L}));
    assertArrayEquals(new Object[] {0.5}, lua("function(x, y) return x / y end", engine).call(new Object[] {1L, 2L}));
    assertArrayEquals(new Object[] {2L}, lua("function(x, y) return x / y end", engine).call(new Object[] {4L, 2}));
    assertArrayEquals(new Object[] {2.5}, lua("function(x) return x + 1 end", engine).call(new Object[] {1.5}));
    assertArrayEquals(new Object[] {(1L << 40) + 1},
        lua("function(x) return x + 1 end", engine).call(new Object[] {1L << 40}));
    assertArrayEquals(new Object[] {3L}, lua("function(s) return #s end", engine).call(new Object[] {"abc"}));
  }

  @ParameterizedTest
  @EnumSource(LuaEngine.class)
  void stringsBooleansAndNil(LuaEngine engine) {
    assertArrayEquals(new Object[] {"HELLO, WORLD"},
        lua("function(a, b) return (a .. ', ' .. b):upper() end", engine).call(new Object[] {"hello", "world"}));
    assertArrayEquals(new Object[] {"wörld 😀", 11L},
        lua("function(s) return s, #s end", engine).call(new Object[] {"wörld 😀"}));
    assertArrayEquals(new Object[] {true, false},
        lua("function(x) return x == nil, x ~= nil end", engine).call(new Object[] {null}));
    assertArrayEquals(new Object[] {null}, lua("function(x) return nil end", engine).call(new Object[] {1L}));
    assertArrayEquals(new Object[] {}, lua("function(x) end", engine).call(new Object[] {1L}));
    assertArrayEquals(new Object[] {false}, lua("function(b) return not b end", engine).call(new Object[] {true}));
  }

  @Test
  void multipleReturnValues() {
    assertArrayEquals(new Object[] {3L, 6L, "3", null, 1.5},
        lua("function(x) return x, x * 2, tostring(x), nil, x / 2 end").call(new Object[] {3L}));
  }

  @Test
  void datesAndDecimalsArrive() {
    assertArrayEquals(new Object[] {"2024-02-29", 2024L},
        lua("function(d) return d, tonumber(d:sub(1, 4)) end").call(new Object[] {LocalDate.of(2024, 2, 29)}));
    assertArrayEquals(new Object[] {12.75},
        lua("function(x) return x * 1.5 end").call(new Object[] {new BigDecimal("8.5")}));
  }

  @ParameterizedTest
  @EnumSource(LuaEngine.class)
  void tablesInAndOut(LuaEngine engine) {
    assertArrayEquals(new Object[] {3L, "b"},
        lua("function(t) return #t, t[2] end", engine).call(new Object[] {List.of("a", "b", "c")}));
    assertArrayEquals(new Object[] {List.of(1L, "a", true, List.of(2.5, 3L))},
        lua("function() return {1, 'a', true, {2.5, 3}} end", engine).call(new Object[0]));
    assertArrayEquals(new Object[] {List.of()}, lua("function() return {} end", engine).call(new Object[0]));
    assertArrayEquals(new Object[] {List.of(2L, 4L, 6L)},
        lua("function(t) local r = {} for i, v in ipairs(t) do r[i] = v * 2 end return r end", engine)
            .call(new Object[] {List.of(1L, 2L, 3L)}));
  }

  @Test
  void tableWithNamedKeysIsNotAColumnValue() {
    GleamException e = assertThrows(GleamException.class,
        () -> lua("function() return {x = 1} end").call(new Object[0]));
    assertEquals(ErrorCode.LUA_ERROR, e.code());
    assertEquals("Lua step 'test#1' function 'function() return {x = 1} end': a Lua table with key 'x' cannot be"
        + " a column value; only array tables {v1, v2, ...} become lists", e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(LuaEngine.class)
  void truthiness(LuaEngine engine) {
    CompiledLuaFunction identity = lua("function(x) return x end", engine);
    assertTrue(identity.test(new Object[] {0L}), "0 is true in Lua");
    assertTrue(identity.test(new Object[] {""}), "the empty string is true in Lua");
    assertTrue(identity.test(new Object[] {true}));
    assertFalse(identity.test(new Object[] {false}));
    assertFalse(identity.test(new Object[] {null}));
    assertFalse(lua("function() end", engine).test(new Object[0]));
    CompiledLuaFunction even = lua("function(a, b, c, d) return (a + b + c + d) % 2 == 0 end", engine);
    assertTrue(even.test(new Object[] {1L, 1L, 1L, 1L}));
    assertFalse(even.test(new Object[] {1L, 1L, 1L, 2L}));
    assertTrue(lua("function(a, b) return a < b end", engine).test(new Object[] {1L, 2L}));
  }

  @ParameterizedTest
  @EnumSource(LuaEngine.class)
  void flatMapOverGmatchTokenizesWords(LuaEngine engine) {
    CompiledLuaFunction words = lua("function(line) return line:gmatch('%w+') end", engine);
    assertEquals(List.of(List.of("the"), List.of("quick"), List.of("brown"), List.of("fox")),
        flat(words, "the quick,  brown fox!"));
    assertEquals(List.of(), flat(words, "  ...  "));
  }

  @Test
  void flatMapOverGenericForTriples() {
    assertEquals(List.of(List.of(1L, "a"), List.of(2L, "b")), flat(lua("function(t) return ipairs(t) end"),
        List.of("a", "b")));
    assertEquals(List.of(List.of(1L, 1L), List.of(2L, 4L), List.of(3L, 9L)), flat(lua(
        "function(n) return function(s, i) if i < s then return i + 1, (i + 1) ^ 2 end end, n, 0 end"), 3L));
  }

  @Test
  void flatMapOverTables() {
    assertEquals(List.of(List.of("a", 1L), List.of("a", 2L)),
        flat(lua("function(s) return {{s, 1}, {s, 2}} end"), "a"));
    assertEquals(List.of(List.of(1L), List.of("two"), List.of(true)),
        flat(lua("function() return {1, 'two', true} end")));
    assertEquals(List.of(List.of(List.of(1L, 2L))), flat(lua("function() return {{{1, 2}}} end")),
        "a list value is a table inside the row table");
  }

  @Test
  void flatMapOverNilAndScalars() {
    assertEquals(List.of(), flat(lua("function(x) return nil end"), 1L));
    assertEquals(List.of(), flat(lua("function(x) end"), 1L));
    assertEquals(List.of(List.of(1L, "x")), flat(lua("function(x) return x, 'x' end"), 1L));
  }

  @Test
  void flatMapLetsConsumerErrorsThrough() {
    GleamException downstream = new GleamException(ErrorCode.OUTPUT_FAILED, "sink is full");
    GleamException e = assertThrows(GleamException.class,
        () -> lua("function(s) return s:gmatch('%w+') end").flatCall(new Object[] {"a b"}, row -> {
          throw downstream;
        }));
    assertTrue(e == downstream);
  }

  @Test
  void flatCallLuaKeepsWordsAsLuaStrings() {
    CompiledLuaFunction words = lua("function(line) return line:gmatch('%S+') end");
    byte[] line = "héllo wörld hello".getBytes(StandardCharsets.UTF_8);
    List<String> out = new ArrayList<>();
    words.flatCallLua(LuaValues.fromUtf8(line, 0, line.length), step -> {
      LuaValue word = step.arg1();
      out.add(new String(LuaValues.toUtf8(word), StandardCharsets.UTF_8));
    });
    assertEquals(List.of("héllo", "wörld", "hello"), out);
  }

  @Test
  void flatCallLuaOverTablesAndScalars() {
    List<Varargs> rows = new ArrayList<>();
    lua("function(x) return {{x, 1}, x} end").flatCallLua(LuaValue.valueOf("k"), rows::add);
    assertEquals(2, rows.size());
    assertEquals(2, rows.get(0).narg());
    assertEquals("k", rows.get(0).arg1().tojstring());
    assertEquals(1, rows.get(0).arg(2).toint());
    assertEquals("k", rows.get(1).arg1().tojstring());
  }

  @ParameterizedTest
  @EnumSource(LuaEngine.class)
  void reducers(LuaEngine engine) {
    assertArrayEquals(new Object[] {7L},
        lua("function(x, y) return x + y end", engine).reduce(new Object[] {3L}, new Object[] {4L}));
    assertArrayEquals(new Object[] {4L, 6.5},
        lua("function(a1, a2, b1, b2) return a1 + b1, a2 + b2 end", engine)
            .reduce(new Object[] {1L, 2.5}, new Object[] {3L, 4L}));
    GleamException e = assertThrows(GleamException.class,
        () -> lua("function(a1, a2, b1, b2) return a1 + b1 end", engine)
            .reduce(new Object[] {1L, 2L}, new Object[] {3L, 4L}));
    assertEquals("Lua step 'test#1' function 'function(a1, a2, b1, b2) return a1 + b1 end': a reducer over 2"
        + " value column(s) must return 2 value(s), it returned 1", e.getMessage());
  }

  @Test
  void luaValueFastPath() {
    CompiledLuaFunction plusOne = lua("function(x) return x + 1 end");
    assertEquals(42, plusOne.callLua(LuaValue.valueOf(41)).toint());
    assertEquals(7, lua("function(x, y) return x + y end").callLua(LuaValue.valueOf(3), LuaValue.valueOf(4)).toint());
    Varargs both = lua("function(x, y) return y, x end").invokeLua(LuaValue.varargsOf(LuaValue.ONE, LuaValue.ZERO));
    assertEquals(0, both.arg1().toint());
    assertEquals(1, both.arg(2).toint());
    assertTrue(lua("function(s) return s:find('b') ~= nil end").testLua(LuaValue.valueOf("abc")));
  }

  @Test
  void acceptsChunkThatReturnsAFunction() {
    CompiledLuaFunction f = lua("local offset = 10\nlocal function add(x) return x + offset end\nreturn add");
    assertArrayEquals(new Object[] {15L}, f.call(new Object[] {5L}));
    CompiledLuaFunction commented = lua("-- adds one\nfunction(x)\n  return x + 1\nend");
    assertArrayEquals(new Object[] {2L}, commented.call(new Object[] {1L}));
  }

  @Test
  void compilesPlanFunctions() {
    CompiledLuaFunction f = LuaFunctions.compile("map#1", new UserFunction.Lua("function(x) return x * 2 end"),
        LuaSandbox.DEFAULT);
    assertArrayEquals(new Object[] {8L}, f.call(new Object[] {4L}));
  }

  @Test
  void instancesHaveTheirOwnGlobals() {
    CompiledLuaFunction first = lua("function() n = (n or 0) + 1 return n end");
    CompiledLuaFunction second = first.newInstance();
    first.call(new Object[0]);
    first.call(new Object[0]);
    assertArrayEquals(new Object[] {3L}, first.call(new Object[0]));
    assertArrayEquals(new Object[] {1L}, second.call(new Object[0]));
    assertEquals(LuaEngine.LUAJC, second.engine());
  }
}
