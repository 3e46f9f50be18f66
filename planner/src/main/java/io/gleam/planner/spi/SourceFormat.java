package io.gleam.planner.spi;

/** Formats a source can read and a file sink can write. */
public enum SourceFormat {
  /** One row per line, one string column. */
  TEXT,
  /** Comma-separated values, RFC 4180 quoting. */
  CSV,
  /** Tab-separated values, no quoting. */
  TSV,
  /** One JSON object per line; columns are taken from its keys by name, a missing key is NULL. */
  JSONL,
  /** Arrow IPC files (the random-access file format), read batch by batch. */
  ARROW,
  /**
   * Arrow batches held in this process by a table registry, named by the one path (the table's id); the batches
   * are handed out without copying. Such a source or sink only runs on the local runner.
   */
  MEMORY
}
