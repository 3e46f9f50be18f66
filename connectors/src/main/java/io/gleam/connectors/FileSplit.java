package io.gleam.connectors;

import static java.util.Objects.requireNonNull;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A byte range {@code [start, end)} of one input file: the unit a shard reads. A line (or CSV record) belongs to the
 * split in which it starts, so a reader skips the partial line at its start and finishes the line that crosses its
 * end. A compressed ({@code .gz}) file is never cut: its one split covers the whole file.
 *
 * @param file the file
 * @param start the first byte offset of the range
 * @param end the offset after the range; lines starting before it belong to this split
 */
public record FileSplit(Path file, long start, long end) {
  public FileSplit {
    requireNonNull(file, "file is null");
    if (start < 0 || end < start) {
      throw new GleamException(ErrorCode.INTERNAL,
          "bad split of " + file + ": [" + start + ", " + end + ")");
    }
  }

  /** Whether the file is gzip-compressed, judged by its {@code .gz} extension. */
  public boolean compressed() {
    return isCompressed(file);
  }

  public long length() {
    return end - start;
  }

  static boolean isCompressed(Path file) {
    Path name = file.getFileName();
    return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".gz");
  }

  @Override
  public String toString() {
    return file + "[" + start + ".." + end + ")";
  }
}
