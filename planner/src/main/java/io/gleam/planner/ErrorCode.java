package io.gleam.planner;

/** Error codes, grouped by who has to act: the user, the developers, or whoever sizes the machine. */
public enum ErrorCode {
  /** The flow or query is wrong: an unknown column, a bad argument. */
  INVALID_FLOW(Kind.USER_ERROR),
  /** Input data is malformed: a CSV row with the wrong field count, bad UTF-8, an unparseable number. */
  MALFORMED_INPUT(Kind.USER_ERROR),
  /** An input file or directory is missing or unreadable. */
  INPUT_NOT_FOUND(Kind.USER_ERROR),
  /** A Lua function failed to compile or raised an error. */
  LUA_ERROR(Kind.USER_ERROR),
  /** A pipe command exited non-zero or could not be started. */
  PIPE_FAILED(Kind.USER_ERROR),
  /** A user Java function threw. */
  USER_FUNCTION_FAILED(Kind.USER_ERROR),
  /** The run was cancelled. */
  CANCELLED(Kind.USER_ERROR),
  /** Writing output failed. */
  OUTPUT_FAILED(Kind.USER_ERROR),
  /** Memory or disk ran out even after spilling. */
  EXCEEDED_MEMORY(Kind.INSUFFICIENT_RESOURCES),
  /** A bug in Gleam. */
  INTERNAL(Kind.INTERNAL_ERROR);

  /** Who has to act on an error. */
  public enum Kind { USER_ERROR, INTERNAL_ERROR, INSUFFICIENT_RESOURCES }

  private final Kind kind;

  ErrorCode(Kind kind) {
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
