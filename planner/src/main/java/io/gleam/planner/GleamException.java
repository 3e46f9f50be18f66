package io.gleam.planner;

import static java.util.Objects.requireNonNull;

/**
 * The one exception Gleam throws: an {@link ErrorCode} plus a message that names the thing and the bad value,
 * e.g. {@code CSV file orders.csv line 812: expected 9 fields, found 7}.
 */
public final class GleamException extends RuntimeException {
  private final ErrorCode code;

  public GleamException(ErrorCode code, String message) {
    super(message);
    this.code = requireNonNull(code, "code is null");
  }

  public GleamException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = requireNonNull(code, "code is null");
  }

  public ErrorCode code() {
    return code;
  }

  public static GleamException user(ErrorCode code, String format, Object... args) {
    return new GleamException(code, String.format(format, args));
  }

  @Override
  public String toString() {
    return code + ": " + getMessage();
  }
}
