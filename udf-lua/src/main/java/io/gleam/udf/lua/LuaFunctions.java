package io.gleam.udf.lua;

import static java.util.Objects.requireNonNull;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.planner.fn.UserFunction;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.luajc.JavaGen;
import org.luaj.vm2.luajc.JavaLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles Lua user functions. The source is one function expression, e.g. {@code function(x, y) return x + y end},
 * compiled as the chunk {@code return <source>}; a chunk that returns a function (after setting up locals, say) is
 * accepted too. Line numbers in errors are those of the source as written.
 *
 * <p>Each call compiles the source once to JVM classes with luajc (or, if luajc fails on it, for the interpreter)
 * and returns a first instance; {@link CompiledLuaFunction#newInstance()} makes more without compiling again.
 * Compiling costs milliseconds, so compile per step and task, never per row.
 */
public final class LuaFunctions {
  private static final Logger LOG = LoggerFactory.getLogger(LuaFunctions.class);
  private static final int MAX_CHUNK_NAME_LENGTH = 40;
  /** luajc and BCEL keep static state that is not documented as thread-safe; tasks compile concurrently. */
  private static final Object BYTECODE_GENERATION = new Object();

  private LuaFunctions() {}

  /** Compiles {@code source} for step {@code stepName} with luajc. */
  public static CompiledLuaFunction compile(String stepName, String source, LuaSandbox sandbox) {
    return compile(stepName, source, sandbox, LuaEngine.LUAJC);
  }

  /** Compiles a plan's Lua function for step {@code stepName} with luajc. */
  public static CompiledLuaFunction compile(String stepName, UserFunction.Lua function, LuaSandbox sandbox) {
    requireNonNull(function, "function is null");
    return compile(stepName, function.source(), sandbox, LuaEngine.LUAJC);
  }

  /**
   * Compiles {@code source} for step {@code stepName} to run on {@code engine}. A syntax error, or a source that
   * does not give a function, is an {@link ErrorCode#LUA_ERROR} such as
   * {@code Lua step 'flatMap#2': compile error at line 1: unexpected symbol near '*'}.
   */
  public static CompiledLuaFunction compile(String stepName, String source, LuaSandbox sandbox, LuaEngine engine) {
    requireNonNull(stepName, "stepName is null");
    requireNonNull(source, "source is null");
    requireNonNull(sandbox, "sandbox is null");
    requireNonNull(engine, "engine is null");
    String chunkName = chunkName(stepName);
    Prototype prototype = parse(stepName, source, chunkName);
    if (engine == LuaEngine.LUAJC) {
      try {
        LuaProgram program = new LuaProgram(stepName, source, sandbox, chunkName, LuaEngine.LUAJC,
            bytecodeChunks(prototype, chunkName));
        return program.newInstance();
      } catch (RuntimeException | LinkageError e) {
        if (e instanceof GleamException) {
          throw e;
        }
        LOG.warn("Lua step '{}': luajc cannot compile the function, running it in the interpreter: {}",
            stepName, e.toString());
      }
    }
    return new LuaProgram(stepName, source, sandbox, chunkName, LuaEngine.INTERPRETER,
        globals -> new LuaClosure(prototype, globals)).newInstance();
  }

  /** Parses {@code return <source>}, or else {@code source} as a chunk. */
  private static Prototype parse(String stepName, String source, String chunkName) {
    LuaError asExpression;
    try {
      return LuaC.instance.compile(utf8("return " + source), chunkName);
    } catch (LuaError e) {
      asExpression = e;
    } catch (IOException e) {
      throw new GleamException(ErrorCode.INTERNAL, "Lua step '" + stepName + "': cannot read source", e);
    }
    try {
      return LuaC.instance.compile(utf8(source), chunkName);
    } catch (LuaError asChunk) {
      boolean looksLikeExpression = source.stripLeading().startsWith("function");
      throw LuaErrorMessages.compileError(stepName, looksLikeExpression ? asExpression : asChunk);
    } catch (IOException e) {
      throw new GleamException(ErrorCode.INTERNAL, "Lua step '" + stepName + "': cannot read source", e);
    }
  }

  /** Generates JVM classes for the chunk and its nested functions, loads and links them all now. */
  private static LuaProgram.ChunkFactory bytecodeChunks(Prototype prototype, String chunkName) {
    JavaGen generated;
    synchronized (BYTECODE_GENERATION) {
      generated = new JavaGen(prototype, chunkName, chunkName + ".lua", false);
    }
    JavaLoader loader = new JavaLoader();
    loader.include(generated);
    Class<?> chunkClass = link(generated, loader);
    Constructor<? extends LuaFunction> constructor;
    try {
      constructor = chunkClass.asSubclass(LuaFunction.class).getDeclaredConstructor();
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("luajc generated no constructor for " + chunkName, e);
    }
    return globals -> {
      LuaFunction chunk;
      try {
        chunk = constructor.newInstance();
      } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
        throw new GleamException(ErrorCode.INTERNAL, "cannot instantiate luajc class " + chunkName, e);
      }
      chunk.initupvalue1(globals);
      return chunk;
    };
  }

  private static Class<?> link(JavaGen generated, JavaLoader loader) {
    Class<?> loaded;
    try {
      loaded = Class.forName(generated.classname, true, loader);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("luajc class " + generated.classname + " was not generated", e);
    }
    if (generated.inners != null) {
      for (JavaGen inner : generated.inners) {
        link(inner, loader);
      }
    }
    return loaded;
  }

  /** A valid, short Java class name for the step, also used as the Lua chunk name. */
  private static String chunkName(String stepName) {
    StringBuilder name = new StringBuilder("lua_");
    for (int i = 0; i < stepName.length() && name.length() < MAX_CHUNK_NAME_LENGTH; i++) {
      char c = stepName.charAt(i);
      name.append(c < 128 && Character.isLetterOrDigit(c) ? c : '_');
    }
    return name.toString();
  }

  private static ByteArrayInputStream utf8(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}
