package io.gleam.planner.spi;

/** File formats a source can read. */
public enum SourceFormat {
  /** One row per line, one string column. */
  TEXT,
  /** Comma-separated values, RFC 4180 quoting. */
  CSV,
  /** Tab-separated values, no quoting. */
  TSV
}
