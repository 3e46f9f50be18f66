package io.gleam.udf.lua;

import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * {@code string.gmatch} without LuaJ's process-wide short-string cache. LuaJ's own gmatch makes every match with
 * {@code LuaString.valueOf}, which writes the new string into one static 128-slot array on each miss; with tasks on
 * several cores those writes bounce the array's cache lines (and its GC card) between them, so string-heavy Lua
 * steps stopped scaling past one core. This iterator finds matches with LuaJ's own {@code string.find} (same
 * pattern semantics) and makes the whole-match string over the subject's bytes without the cache. Patterns with
 * captures return find's captures; a pattern starting with {@code ^} goes to LuaJ's gmatch. Empty matches follow
 * Lua 5.2: after one, the search moves on by one byte, and the end of the subject can match too (LuaJ's own gmatch
 * repeats an empty match forever, e.g. {@code ("a"):gmatch("x*")}). A pattern that is one byte class repeated
 * ({@code %w+}, {@code [^,]+}, ...) skips the general matcher: {@link ByteClassRun} scans the bytes with a table.
 */
final class SharedCacheFreeGmatch extends VarArgFunction {
  private final LuaValue find;
  private final LuaValue original;
  /** The last pattern compiled to a byte-class scan (immutable, so shared across threads without locks). */
  private volatile ByteClassRun lastRun;

  SharedCacheFreeGmatch(LuaValue find, LuaValue original) {
    this.find = find;
    this.original = original;
  }

  @Override
  public Varargs invoke(Varargs args) {
    LuaString subject = args.checkstring(1);
    LuaString pattern = args.checkstring(2);
    if (pattern.length() > 0 && pattern.luaByte(0) == '^') {
      return original.invoke(args);
    }
    ByteClassRun run = lastRun;
    if (run == null || !run.isFor(pattern)) {
      run = ByteClassRun.compile(pattern, find);
      if (run != null) {
        lastRun = run;
      }
    }
    return run != null ? new Run(subject, run) : new Matches(subject, pattern);
  }

  /** The iterator over the matches of a one-class pattern. */
  private static final class Run extends VarArgFunction {
    private final LuaString subject;
    private final ByteClassRun run;
    private int next;

    Run(LuaString subject, ByteClassRun run) {
      this.subject = subject;
      this.run = run;
    }

    @Override
    public Varargs invoke(Varargs args) {
      long found = next > subject.m_length ? -1 : run.next(subject, next);
      if (found < 0) {
        next = subject.m_length + 1;
        return NIL;
      }
      int start = (int) (found >>> 32);
      int end = (int) found;
      next = end;
      return LuaString.valueUsing(subject.m_bytes, subject.m_offset + start, end - start);
    }
  }

  /** The iterator: each call returns the next match, or nil. */
  private final class Matches extends VarArgFunction {
    private final LuaString subject;
    private final LuaString pattern;
    private int next = 1;

    Matches(LuaString subject, LuaString pattern) {
      this.subject = subject;
      this.pattern = pattern;
    }

    @Override
    public Varargs invoke(Varargs args) {
      if (next > subject.length() + 1) {
        return NIL;
      }
      Varargs found = find.invoke(LuaValue.varargsOf(subject, pattern, LuaValue.valueOf(next)));
      if (found.arg1().isnil()) {
        next = subject.length() + 1;
        return NIL;
      }
      int start = found.arg1().toint();
      int end = found.arg(2).toint();
      next = end < start ? start + 1 : end + 1;
      if (found.narg() > 2) {
        return found.subargs(3);
      }
      return LuaString.valueUsing(subject.m_bytes, subject.m_offset + start - 1, end - start + 1);
    }
  }
}
