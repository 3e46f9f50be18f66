package io.gleam.connectors;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.planner.spi.OnError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what happens to a malformed row: under {@link OnError#FAIL} it becomes a {@link GleamException}
 * ({@link ErrorCode#MALFORMED_INPUT}) naming the format, the file, the true line number (counted only now, from the
 * start of the file), the column and what was wrong; under {@link OnError#SKIP} it is counted in the metrics.
 */
final class MalformedRows {
  private static final Logger LOG = LoggerFactory.getLogger(MalformedRows.class);
  private static final int MAX_VALUE_CHARS = 100;

  private final String formatLabel;
  private final OnError onError;
  private final SourceMetrics metrics;

  MalformedRows(String formatLabel, OnError onError, SourceMetrics metrics) {
    this.formatLabel = formatLabel;
    this.onError = onError;
    this.metrics = metrics;
  }

  /**
   * Reports the record starting at {@code recordOffset}; returns normally only when the row is to be skipped.
   *
   * @param column the column's name, or null when the problem is the whole record
   */
  void report(FileSplit split, long recordOffset, String column, String problem) {
    String where = column == null ? "" : " column '" + column + "'";
    if (onError == OnError.SKIP) {
      String description = formatLabel + " file " + split.file() + " at byte " + recordOffset + where + ": "
          + problem;
      if (metrics.addSkipped(description)) {
        LOG.warn("skipping malformed rows; the first: {}", description);
      }
      return;
    }
    long line;
    try {
      line = LineNumbers.lineAt(split.file(), split.compressed(), recordOffset);
    } catch (IOException e) {
      throw new GleamException(ErrorCode.MALFORMED_INPUT, formatLabel + " file " + split.file() + " at byte "
          + recordOffset + where + ": " + problem, e);
    }
    throw new GleamException(ErrorCode.MALFORMED_INPUT,
        formatLabel + " file " + split.file() + " line " + line + where + ": " + problem);
  }

  /** A field's text for a message: decoded leniently and cut to a readable length. */
  static String quote(byte[] b, int from, int to) {
    String s = new String(b, from, to - from, StandardCharsets.UTF_8);
    return s.length() > MAX_VALUE_CHARS ? s.substring(0, MAX_VALUE_CHARS) + "..." : s;
  }
}
