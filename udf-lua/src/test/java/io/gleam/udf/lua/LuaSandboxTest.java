package io.gleam.udf.lua;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.udf.lua.LuaSandbox.Library;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class LuaSandboxTest {
  private static Object[] run(String source, LuaSandbox sandbox) {
    return LuaFunctions.compile("sandbox#1", source, sandbox).call(new Object[0]);
  }

  private static GleamException denied(String source) {
    return assertThrows(GleamException.class, () -> run(source, LuaSandbox.DEFAULT));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "function() return os.execute('true') end          | os      | os",
      "function() return io.open('/etc/hostname') end    | io      | io",
      "function() return require('os') end               | require | require",
      "function() return package.path end                | package | require",
      "function() return luajava.bindClass('java.lang.System') end | luajava | luajava",
      "function() return debug.getinfo(1) end            | debug   | debug",
      "function() return dofile('/tmp/x.lua') end        | dofile  | io",
      "function() return loadfile('/tmp/x.lua') end      | loadfile | io"})
  void defaultSandboxDeniesLibraries(String source, String global, String library) {
    GleamException e = denied(source);
    assertEquals(ErrorCode.LUA_ERROR, e.code());
    assertEquals("Lua step 'sandbox#1' function '" + source + "': line 1: global '" + global
        + "' is not available in the Lua sandbox; allow library '" + library + "' to use it", e.getMessage());
  }

  @Test
  void allowedLibrariesAreThere() {
    Object[] time = run("function() return math.floor(os.time()) end", LuaSandbox.allowing("os"));
    assertTrue((Long) time[0] > 1_600_000_000L, () -> "os.time() = " + time[0]);
    assertArrayEquals(new Object[] {"function", "function", "function"},
        run("function() return type(io.open), type(dofile), type(loadfile) end", LuaSandbox.allowing("io")));
    assertArrayEquals(new Object[] {true, "table"},
        run("function() return require('string') == string, type(package.loaded) end", LuaSandbox.allowing("require")));
    assertArrayEquals(new Object[] {"ba", 7L}, run("function() "
        + "return luajava.newInstance('java.lang.StringBuilder', 'ab'):reverse():toString(),"
        + " luajava.bindClass('java.lang.Math'):max(3, 7) end", LuaSandbox.allowing("luajava")));
    assertArrayEquals(new Object[] {"function"},
        run("function() return type(debug.getinfo) end", LuaSandbox.allowing("debug")));
    assertArrayEquals(new Object[] {"function", false,
            "global 'io' is not available in the Lua sandbox; allow library 'io' to use it"},
        run("function() return type(os.clock), pcall(function() return io end) end", LuaSandbox.allowing("os")));
  }

  @Test
  void safeLibrariesAreInTheDefaultSandbox() {
    assertArrayEquals(new Object[] {8L, 3L, "a,b", 2L, 1L, 4L},
        run("function() return bit32.band(12, 10), math.max(1, 3), table.concat({'a', 'b'}, ','),"
            + " select('#', unpack({1, 2})), coroutine.wrap(function() coroutine.yield(1) end)(),"
            + " string.len('abcd') end", LuaSandbox.DEFAULT));
    assertArrayEquals(new Object[] {"number"}, run("function() return type(collectgarbage('count')) end",
        LuaSandbox.DEFAULT));
    assertArrayEquals(new Object[] {null}, run("function() return undefined_global end", LuaSandbox.DEFAULT));
  }

  @Test
  void printDoesNotWriteToStdout() {
    assertArrayEquals(new Object[] {5L}, run("function() print('hello', 1) return 5 end", LuaSandbox.DEFAULT));
  }

  @Test
  void loadTakesTextButNotBinaryChunks() {
    assertArrayEquals(new Object[] {3L, 7L},
        run("function() return load('return 1 + 2')(), loadstring('return 7')() end", LuaSandbox.DEFAULT));
    assertArrayEquals(new Object[] {null, "binary chunks are not available in the Lua sandbox"},
        run("function() return load('\\27Lua\\82\\0') end", LuaSandbox.DEFAULT));
    assertArrayEquals(new Object[] {"table"},
        run("function() return type(load('return string')()) end", LuaSandbox.DEFAULT),
        "loaded chunks see the sandbox's globals");
  }

  @Test
  void sharedStringMetatableIsHiddenAndUnchangeable() {
    assertArrayEquals(new Object[] {false}, run("function() return getmetatable('') end", LuaSandbox.DEFAULT));
    CompiledLuaFunction vandal = LuaFunctions.compile("vandal", "string.upper = nil\n"
        + "function string.shout(s) return s:upper() .. '!' end\n"
        + "return function(s) return string.upper, string.shout(s) end", LuaSandbox.DEFAULT);
    assertArrayEquals(new Object[] {null, "X!"}, vandal.call(new Object[] {"x"}),
        "the sandbox's own string table changed, the shared string methods did not");
    GleamException e = assertThrows(GleamException.class, () -> LuaFunctions.compile("vandal",
        "function string.shout(s) return s .. '!' end\nreturn function(s) return s:shout() end",
        LuaSandbox.DEFAULT).call(new Object[] {"x"}));
    assertTrue(e.getMessage().contains("attempt to call nil"), e.getMessage());
    CompiledLuaFunction other = LuaFunctions.compile("other", "function(s) return s:upper(), string.upper(s) end",
        LuaSandbox.DEFAULT);
    assertArrayEquals(new Object[] {"ABC", "ABC"}, other.call(new Object[] {"abc"}));
  }

  @Test
  void globalsMetatableIsProtected() {
    assertArrayEquals(new Object[] {false}, run("function() return getmetatable(_G) end", LuaSandbox.DEFAULT));
  }

  @Test
  void sandboxIsAValue() {
    assertEquals(new LuaSandbox(EnumSet.of(Library.IO, Library.OS)), LuaSandbox.allowing("OS", " io"));
    assertEquals(List.of("os", "io"), LuaSandbox.allowing("io", "os").allowedNames());
    assertEquals("LuaSandbox[allowed=os, io]", LuaSandbox.allowing("io", "os").toString());
    assertEquals("LuaSandbox[default]", LuaSandbox.DEFAULT.toString());
    assertEquals(LuaSandbox.allowing("debug", "os"), LuaSandbox.allowing("os").withAllowed(Library.DEBUG));
    assertTrue(LuaSandbox.allowing("luajava").allows(Library.LUAJAVA));
    GleamException e = assertThrows(GleamException.class, () -> LuaSandbox.allowing("net"));
    assertEquals(ErrorCode.INVALID_FLOW, e.code());
    assertEquals("unknown Lua library 'net'; a flow can allow os, io, debug, require, luajava", e.getMessage());
  }
}
