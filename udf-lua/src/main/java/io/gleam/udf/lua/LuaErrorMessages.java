package io.gleam.udf.lua;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.luaj.vm2.LuaError;

/**
 * Turns LuaJ errors into {@link ErrorCode#LUA_ERROR}s that name the step, the function and the Lua line, e.g.
 * {@code Lua step 'map#3' function 'function(x) return x.y end': line 1: attempt to index ? (a number value)}.
 *
 * <p>The interpreter puts {@code chunk:line} in front of the message. Code compiled by luajc does not, but luajc
 * writes Lua line numbers into the generated classes' line number tables, so the line is read from the first stack
 * frame of a generated class; no call has to be re-run.
 */
final class LuaErrorMessages {
  private static final Pattern COMPILE_ERROR = Pattern.compile("^(?:\\[string \"[^\"]*\"\\]|[^:]*):(\\d+): (.*)$",
      Pattern.DOTALL);
  private static final Pattern LUAJ_TOKEN = Pattern.compile("symbol (\\d+) \\(.\\)");
  private static final String[] RESERVED_TOKENS = {
      "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if", "in", "local",
      "nil", "not", "or", "repeat", "return", "then", "true", "until", "while", "..", "...", "==", ">=", "<=", "~=",
      "::", "<end of input>", "<number>", "<name>", "<string>"};
  private static final int FIRST_RESERVED_TOKEN = 257;
  private static final int LABEL_LENGTH = 60;

  private LuaErrorMessages() {}

  /** A syntax error while compiling the source of {@code stepName}. */
  static GleamException compileError(String stepName, LuaError error) {
    String message = String.valueOf(error.getMessage());
    Matcher m = COMPILE_ERROR.matcher(message);
    String where = "";
    if (m.matches()) {
      where = " at line " + m.group(1);
      message = m.group(2);
    }
    return new GleamException(ErrorCode.LUA_ERROR,
        "Lua step '" + stepName + "': compile error" + where + ": " + readableTokens(message), error);
  }

  /** A compile-time problem that is not a syntax error, e.g. the source does not give a function. */
  static GleamException compileError(String stepName, String message) {
    return new GleamException(ErrorCode.LUA_ERROR, "Lua step '" + stepName + "': " + message);
  }

  /**
   * An error raised while running the function: a {@link LuaError}, a stack overflow from deep recursion, or a
   * Java exception that escaped LuaJ (luajc-compiled code does not wrap them as the interpreter does).
   *
   * @param chunkName the chunk name the source was compiled under, which is also the generated class name
   */
  static GleamException runtimeError(String stepName, String label, String chunkName, Throwable error) {
    String message;
    OptionalInt line = OptionalInt.empty();
    if (error instanceof LuaError luaError) {
      message = String.valueOf(luaError.getMessage());
      int traceback = message.indexOf("\nstack traceback:");
      if (traceback >= 0) {
        message = message.substring(0, traceback);
      }
      Matcher m = Pattern.compile("^" + Pattern.quote(chunkName) + ":(\\d+):? ", Pattern.DOTALL).matcher(message);
      if (m.find()) {
        line = OptionalInt.of(Integer.parseInt(m.group(1)));
        message = message.substring(m.end());
      }
    } else if (error instanceof StackOverflowError) {
      message = "stack overflow (recursion too deep?)";
    } else {
      message = "Java exception " + error;
    }
    if (line.isEmpty()) {
      line = generatedCodeLine(error, chunkName);
    }
    String where = line.isPresent() ? "line " + line.getAsInt() + ": " : "";
    return new GleamException(ErrorCode.LUA_ERROR,
        "Lua step '" + stepName + "' function '" + label + "': " + where + message, error);
  }

  /** The Lua line of the innermost frame of a class luajc generated for {@code chunkName}. */
  private static OptionalInt generatedCodeLine(Throwable error, String chunkName) {
    String nested = chunkName + "$";
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      for (StackTraceElement frame : t.getStackTrace()) {
        String className = frame.getClassName();
        if ((className.equals(chunkName) || className.startsWith(nested)) && frame.getLineNumber() > 0) {
          return OptionalInt.of(frame.getLineNumber());
        }
      }
    }
    return OptionalInt.empty();
  }

  /** The first line of {@code source}, shortened, to name a function in messages. */
  static String label(String source) {
    String stripped = source.strip();
    int newline = stripped.indexOf('\n');
    String first = (newline < 0 ? stripped : stripped.substring(0, newline)).strip();
    boolean more = newline >= 0;
    if (first.length() > LABEL_LENGTH) {
      first = first.substring(0, LABEL_LENGTH - 3);
      more = true;
    }
    return more ? first + " ..." : first;
  }

  /** LuaJ prints tokens as numbers ({@code unexpected symbol 262 (Ć)}); name them ({@code near 'end'}). */
  private static String readableTokens(String message) {
    Matcher m = LUAJ_TOKEN.matcher(message);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      int token = Integer.parseInt(m.group(1));
      String name;
      if (token < FIRST_RESERVED_TOKEN) {
        name = String.valueOf((char) token);
      } else if (token - FIRST_RESERVED_TOKEN < RESERVED_TOKENS.length) {
        name = RESERVED_TOKENS[token - FIRST_RESERVED_TOKEN];
      } else {
        name = m.group(1);
      }
      m.appendReplacement(out, Matcher.quoteReplacement("symbol near '" + name + "'"));
    }
    m.appendTail(out);
    return out.toString();
  }
}
