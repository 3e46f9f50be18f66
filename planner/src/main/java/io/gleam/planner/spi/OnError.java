package io.gleam.planner.spi;

/** What a reader does with a malformed row. */
public enum OnError {
  /** Fail the flow, naming the file, the line and what was wrong. */
  FAIL,
  /** Skip the row and count it in the source's metrics. */
  SKIP
}
