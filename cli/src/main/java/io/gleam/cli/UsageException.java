package io.gleam.cli;

/** A command line the launcher cannot understand; printed with the usage text. */
public final class UsageException extends RuntimeException {
  public UsageException(String message) {
    super(message);
  }
}
