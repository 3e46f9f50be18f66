package io.gleam.udf.lua;

import io.gleam.udf.lua.LuaSandbox.Library;
import java.util.LinkedHashMap;
import java.util.Map;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LoadState;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.Bit32Lib;
import org.luaj.vm2.lib.CoroutineLib;
import org.luaj.vm2.lib.DebugLib;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.StringLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.TwoArgFunction;
import org.luaj.vm2.lib.VarArgFunction;
import org.luaj.vm2.lib.jse.JseBaseLib;
import org.luaj.vm2.lib.jse.JseIoLib;
import org.luaj.vm2.lib.jse.JseMathLib;
import org.luaj.vm2.lib.jse.JseOsLib;
import org.luaj.vm2.lib.jse.LuajavaLib;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the Lua globals of one function instance for a {@link LuaSandbox}. LuaJ globals are not thread-safe, so
 * every task gets its own.
 *
 * <p>LuaJ keeps the string metatable (what {@code s:upper()} looks methods up in) in one static field for the whole
 * process. Left alone, every new globals would replace it with its own {@code string} table, so one task's
 * {@code string.upper = nil} would break another task's {@code s:upper()}. Instead all sandboxes share one string
 * metatable whose method table no sandbox can reach ({@code getmetatable("")} returns false); each sandbox's
 * {@code string} global is its own copy. Functions added to {@code string} are therefore callable as
 * {@code string.f(s)} but not as {@code s:f()}.
 */
final class SandboxGlobals {
  private static final Logger LOG = LoggerFactory.getLogger(SandboxGlobals.class);

  private static final LuaTable STRING_FUNCTIONS;
  private static final LuaTable STRING_METATABLE;

  static {
    CLocaleCharacterClasses.apply();
    Globals scratch = new Globals();
    scratch.load(new PackageLib());
    scratch.load(new StringLib());
    STRING_FUNCTIONS = (LuaTable) scratch.get("string");
    STRING_FUNCTIONS.set("gmatch",
        new SharedCacheFreeGmatch(STRING_FUNCTIONS.get("find"), STRING_FUNCTIONS.get("gmatch")));
    STRING_METATABLE = LuaValue.tableOf(new LuaValue[] {
        LuaValue.INDEX, STRING_FUNCTIONS, LuaValue.METATABLE, LuaValue.FALSE});
    LuaString.s_metatable = STRING_METATABLE;
  }

  private SandboxGlobals() {}

  /** New globals with the default libraries plus those {@code sandbox} allows. */
  static Globals create(LuaSandbox sandbox) {
    Globals globals = new Globals();
    globals.load(new JseBaseLib());
    globals.load(new PackageLib());
    globals.load(new Bit32Lib());
    globals.load(new TableLib());
    LuaTable string = copyOf(STRING_FUNCTIONS);
    globals.set("string", string);
    globals.get("package").get("loaded").set("string", string);
    globals.load(new CoroutineLib());
    globals.load(new JseMathLib());
    if (sandbox.allows(Library.IO)) {
      globals.load(new JseIoLib());
    }
    if (sandbox.allows(Library.OS)) {
      globals.load(new JseOsLib());
    }
    if (sandbox.allows(Library.LUAJAVA)) {
      globals.load(new LuajavaLib());
    }
    if (sandbox.allows(Library.DEBUG)) {
      globals.load(new DebugLib());
    }
    LoadState.install(globals);
    LuaC.install(globals);
    LuaString.s_metatable = STRING_METATABLE;

    globals.set("print", new LoggingPrint());
    LuaValue textLoad = new TextOnlyLoad(globals.get("load"));
    globals.set("load", textLoad);
    globals.set("loadstring", textLoad);
    globals.set("unpack", globals.get("table").get("unpack"));

    Map<String, String> denied = deniedGlobals(sandbox);
    for (String name : denied.keySet()) {
      globals.set(name, LuaValue.NIL);
    }
    globals.setmetatable(LuaValue.tableOf(new LuaValue[] {
        LuaValue.INDEX, new DeniedGlobalIndex(denied), LuaValue.METATABLE, LuaValue.FALSE}));
    return globals;
  }

  /** Global name to the library that would allow it, for every global {@code sandbox} does not allow. */
  private static Map<String, String> deniedGlobals(LuaSandbox sandbox) {
    Map<String, String> denied = new LinkedHashMap<>();
    for (Library library : Library.values()) {
      if (sandbox.allows(library)) {
        continue;
      }
      switch (library) {
        case OS -> denied.put("os", library.libraryName());
        case IO -> {
          denied.put("io", library.libraryName());
          denied.put("dofile", library.libraryName());
          denied.put("loadfile", library.libraryName());
        }
        case DEBUG -> denied.put("debug", library.libraryName());
        case REQUIRE -> {
          denied.put("require", library.libraryName());
          denied.put("package", library.libraryName());
        }
        case LUAJAVA -> denied.put("luajava", library.libraryName());
      }
    }
    return denied;
  }

  private static LuaTable copyOf(LuaTable table) {
    LuaTable copy = new LuaTable();
    LuaValue key = LuaValue.NIL;
    while (true) {
      Varargs entry = table.next(key);
      key = entry.arg1();
      if (key.isnil()) {
        return copy;
      }
      copy.rawset(key, entry.arg(2));
    }
  }

  /** The globals' {@code __index}: a denied global raises an error naming the library to allow; others are nil. */
  private static final class DeniedGlobalIndex extends TwoArgFunction {
    private final Map<String, String> denied;

    DeniedGlobalIndex(Map<String, String> denied) {
      this.denied = Map.copyOf(denied);
    }

    @Override
    public LuaValue call(LuaValue table, LuaValue key) {
      if (key.type() == LuaValue.TSTRING) {
        String library = denied.get(key.tojstring());
        if (library != null) {
          throw new LuaError("global '" + key.tojstring() + "' is not available in the Lua sandbox;"
              + " allow library '" + library + "' to use it");
        }
      }
      return LuaValue.NIL;
    }
  }

  /** {@code print}: user functions run on many threads over many rows, so printing only logs at DEBUG. */
  private static final class LoggingPrint extends VarArgFunction {
    @Override
    public Varargs invoke(Varargs args) {
      if (LOG.isDebugEnabled()) {
        StringBuilder line = new StringBuilder();
        for (int i = 1; i <= args.narg(); i++) {
          if (i > 1) {
            line.append('\t');
          }
          line.append(args.arg(i).tojstring());
        }
        LOG.debug("Lua print: {}", line);
      }
      return LuaValue.NONE;
    }
  }

  /** {@code load} and {@code loadstring} for Lua source only: binary chunks could break the VM. */
  private static final class TextOnlyLoad extends VarArgFunction {
    private static final LuaString TEXT_ONLY = LuaValue.valueOf("t");
    private final LuaValue load;

    TextOnlyLoad(LuaValue load) {
      this.load = load;
    }

    @Override
    public Varargs invoke(Varargs args) {
      LuaValue chunk = args.arg1();
      if (chunk.type() == LuaValue.TSTRING) {
        LuaString text = chunk.checkstring();
        if (text.m_length > 0 && text.m_bytes[text.m_offset] == 0x1b) {
          return LuaValue.varargsOf(LuaValue.NIL,
              LuaValue.valueOf("binary chunks are not available in the Lua sandbox"));
        }
      }
      LuaValue[] textArgs = new LuaValue[Math.max(3, args.narg())];
      for (int i = 0; i < textArgs.length; i++) {
        textArgs[i] = args.arg(i + 1);
      }
      textArgs[2] = TEXT_ONLY;
      return load.invoke(textArgs);
    }
  }
}
