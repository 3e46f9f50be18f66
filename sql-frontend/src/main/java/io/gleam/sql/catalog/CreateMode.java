package io.gleam.sql.catalog;

/** What creating a table or view does when the name is taken. */
public enum CreateMode {
  /** {@code CREATE}: fail. */
  FAIL_IF_EXISTS,
  /** {@code CREATE OR REPLACE}: replace the old object, if it is of the same kind. */
  REPLACE,
  /** {@code CREATE ... IF NOT EXISTS}: keep the old object and do nothing. */
  IGNORE_IF_EXISTS;

  /** The mode of a {@code CREATE} statement's flags (at most one of them is set). */
  public static CreateMode of(boolean replace, boolean ifNotExists) {
    if (replace && ifNotExists) {
      throw new IllegalArgumentException("OR REPLACE and IF NOT EXISTS cannot both be given");
    }
    return replace ? REPLACE : ifNotExists ? IGNORE_IF_EXISTS : FAIL_IF_EXISTS;
  }
}
