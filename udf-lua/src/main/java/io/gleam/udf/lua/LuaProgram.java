package io.gleam.udf.lua;

import static java.util.Objects.requireNonNull;

import io.gleam.planner.GleamException;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaValue;

/**
 * The compiled form of one Lua step's source, shared by all its instances: the classes luajc generated (or the
 * prototype the interpreter runs). Each {@link #newInstance()} gets fresh sandboxed globals and runs the chunk once
 * to get the function; nothing is recompiled.
 */
final class LuaProgram {
  /** Makes the main chunk of the source, bound to one instance's globals. */
  @FunctionalInterface
  interface ChunkFactory {
    LuaFunction newChunk(Globals globals);
  }

  private final String stepName;
  private final String source;
  private final LuaSandbox sandbox;
  private final String chunkName;
  private final LuaEngine engine;
  private final ChunkFactory chunks;
  private final String label;

  LuaProgram(String stepName, String source, LuaSandbox sandbox, String chunkName, LuaEngine engine,
      ChunkFactory chunks) {
    this.stepName = requireNonNull(stepName, "stepName is null");
    this.source = requireNonNull(source, "source is null");
    this.sandbox = requireNonNull(sandbox, "sandbox is null");
    this.chunkName = requireNonNull(chunkName, "chunkName is null");
    this.engine = requireNonNull(engine, "engine is null");
    this.chunks = requireNonNull(chunks, "chunks is null");
    this.label = LuaErrorMessages.label(source);
  }

  /** A new instance with its own globals. Runs the chunk, so a chunk-level error is raised here. */
  CompiledLuaFunction newInstance() {
    Globals globals = SandboxGlobals.create(sandbox);
    LuaValue function;
    try {
      function = chunks.newChunk(globals).invoke().arg1();
    } catch (GleamException e) {
      throw e;
    } catch (RuntimeException | StackOverflowError e) {
      throw runtimeError(e);
    }
    if (!function.isfunction()) {
      throw LuaErrorMessages.compileError(stepName, "the source must be one function such as"
          + " 'function(x) return x end', or a chunk that returns a function; it gave a " + function.typename());
    }
    return new CompiledLuaFunction(this, function);
  }

  GleamException runtimeError(Throwable error) {
    return LuaErrorMessages.runtimeError(stepName, label, chunkName, error);
  }

  String stepName() {
    return stepName;
  }

  String source() {
    return source;
  }

  LuaSandbox sandbox() {
    return sandbox;
  }

  LuaEngine engine() {
    return engine;
  }

  String label() {
    return label;
  }
}
