package io.gleam.udf.lua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LuaErrorMessagesTest {
  private static GleamException compileError(String step, String source) {
    GleamException e = assertThrows(GleamException.class,
        () -> LuaFunctions.compile(step, source, LuaSandbox.DEFAULT));
    assertEquals(ErrorCode.LUA_ERROR, e.code());
    return e;
  }

  private static GleamException callError(String step, String source, LuaEngine engine, Object... args) {
    CompiledLuaFunction f = LuaFunctions.compile(step, source, LuaSandbox.DEFAULT, engine);
    assertEquals(engine, f.engine());
    GleamException e = assertThrows(GleamException.class, () -> f.call(args));
    assertEquals(ErrorCode.LUA_ERROR, e.code());
    return e;
  }

  @Test
  void compileErrorsNameStepAndLine() {
    assertEquals("Lua step 'flatMap#2': compile error at line 1: unexpected symbol near '*'",
        compileError("flatMap#2", "function(x) return x +* 1 end").getMessage());
    assertEquals("Lua step 'map#1': compile error at line 3: unexpected symbol near 'end'",
        compileError("map#1", "function(x)\n  local y =\nend").getMessage());
    assertEquals("Lua step 'map#1': compile error at line 2: unfinished string",
        compileError("map#1", "local a = 1\nreturn function(x) return 'abc end").getMessage());
  }

  @Test
  void sourceMustGiveAFunction() {
    assertEquals("Lua step 'map#4': the source must be one function such as 'function(x) return x end', or a"
        + " chunk that returns a function; it gave a number", compileError("map#4", "42").getMessage());
    assertEquals("Lua step 'map#4': the source must be one function such as 'function(x) return x end', or a"
        + " chunk that returns a function; it gave a nil", compileError("map#4", "local x = 1").getMessage());
  }

  @Test
  void chunkErrorsHaveLines() {
    assertEquals("Lua step 'map#5' function 'local t = nil ...': line 2: attempt to index ? (a nil value)",
        compileError("map#5", "local t = nil\nlocal y = t.x\nreturn function() end").getMessage());
  }

  @ParameterizedTest
  @EnumSource(LuaEngine.class)
  void runtimeErrorsNameStepFunctionAndLine(LuaEngine engine) {
    assertEquals("Lua step 'map#3' function 'function(x) return x.y end': line 1: attempt to index ? (a number"
        + " value)", callError("map#3", "function(x) return x.y end", engine, 1L).getMessage());
    assertEquals("Lua step 'map#3' function 'function(x) ...': line 3: attempt to call nil",
        callError("map#3", "function(x)\n  local y = x\n  return y.missing(1) + 1 end", engine, "s").getMessage());
    assertEquals("Lua step 'reduce#7' function 'function(x, y) ...': line 2: boom",
        callError("reduce#7", "function(x, y)\n  error('boom')\nend", engine, 1L, 2L).getMessage());
  }

  @ParameterizedTest
  @EnumSource(LuaEngine.class)
  void callingANonFunctionInATailCallHasNoLine(LuaEngine engine) {
    // LuaJ runs "return f(x)" after the caller's frame is gone, so nothing knows the line; C Lua would say line 2.
    assertEquals("Lua step 'map#3' function 'function(x) ...': attempt to call nil",
        callError("map#3", "function(x)\n  return x.missing(1)\nend", engine, "s").getMessage());
  }

  @ParameterizedTest
  @EnumSource(LuaEngine.class)
  void nestedFunctionErrorsPointAtTheNestedLine(LuaEngine engine) {
    String source = "local function check(v)\n"
        + "  if v < 0 then error('negative: ' .. v) end\n"
        + "  return v\n"
        + "end\n"
        + "return function(x)\n"
        + "  return check(x)\n"
        + "end";
    assertEquals("Lua step 'map#8' function 'local function check(v) ...': line 2: negative: -1",
        callError("map#8", source, engine, -1L).getMessage());
  }

  @ParameterizedTest
  @EnumSource(LuaEngine.class)
  void deepRecursionIsALuaError(LuaEngine engine) {
    GleamException e = callError("map#9",
        "function(x) local function f(n) return 1 + f(n + 1) end return f(x) end", engine, 1L);
    assertTrue(e.getMessage().startsWith("Lua step 'map#9' function 'function(x) local function f(n) return 1 +"
        + " f(n + 1) end r ...': "), e.getMessage());
    assertTrue(e.getMessage().contains("stack overflow"), e.getMessage());
  }

  @Test
  void errorsInTestFlatCallAndLuaPathsAreWrapped() {
    CompiledLuaFunction f = LuaFunctions.compile("filter#1", "function(x) return x.y end", LuaSandbox.DEFAULT);
    String expected = "Lua step 'filter#1' function 'function(x) return x.y end': line 1: attempt to index ? (a"
        + " number value)";
    assertEquals(expected, assertThrows(GleamException.class, () -> f.test(new Object[] {1L})).getMessage());
    assertEquals(expected, assertThrows(GleamException.class,
        () -> f.flatCall(new Object[] {1L}, row -> { })).getMessage());
    assertEquals(expected, assertThrows(GleamException.class,
        () -> f.callLua(org.luaj.vm2.LuaValue.ONE)).getMessage());
  }

  @Test
  void errorsInsideIteratorsAreWrapped() {
    CompiledLuaFunction f = LuaFunctions.compile("flatMap#3",
        "function(n)\n  return function(s, i)\n    if i >= s then error('too far') end\n    return i + 1\n"
            + "  end, n, 0\nend", LuaSandbox.DEFAULT);
    GleamException e = assertThrows(GleamException.class, () -> f.flatCall(new Object[] {2L}, row -> { }));
    assertEquals("Lua step 'flatMap#3' function 'function(n) ...': line 3: too far", e.getMessage());
  }

  @Test
  void unconvertibleResultsAreNamed() {
    GleamException e = callError("map#2", "function() return print end", LuaEngine.LUAJC);
    assertEquals("Lua step 'map#2' function 'function() return print end': a Lua function cannot be a column"
        + " value; return a number, string, boolean, nil or array table", e.getMessage());
    GleamException arg = assertThrows(GleamException.class, () -> LuaFunctions.compile("map#2",
        "function(x) return x end", LuaSandbox.DEFAULT).call(new Object[] {new StringBuilder("sb")}));
    assertEquals("Lua step 'map#2' function 'function(x) return x end': cannot pass a value of Java type"
        + " java.lang.StringBuilder to Lua: sb", arg.getMessage());
  }

  @Test
  void javaExceptionsEscapingLuajCodeAreLuaErrors() {
    // string.dump only knows interpreted functions; on a luajc-compiled one LuaJ throws a ClassCastException.
    GleamException e = callError("map#6",
        "function()\n  local s = string.dump(function() end)\n  return s\nend", LuaEngine.LUAJC);
    assertTrue(e.getMessage().startsWith("Lua step 'map#6' function 'function() ...': line 2: Java exception"
        + " java.lang.ClassCastException: "), e.getMessage());
  }

  @Test
  void longSourcesAreShortenedInMessages() {
    assertEquals("function(x) return x + 1 end", LuaErrorMessages.label("  function(x) return x + 1 end \n"));
    assertEquals("function(x) ...", LuaErrorMessages.label("function(x)\n return x\nend"));
    String longLine = "function(x) return x + 1 + 2 + 3 + 4 + 5 + 6 + 7 + 8 + 9 + 10 + 11 + 12 end";
    assertEquals(longLine.substring(0, 57) + " ...", LuaErrorMessages.label(longLine));
  }
}
