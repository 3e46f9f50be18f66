package io.gleam.connectors;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPInputStream;

/**
 * The bytes of one {@link FileSplit}, read in large blocks into one growable array and cut into lines.
 *
 * <p>Line rule (Hadoop's): a line belongs to the split in which it starts. A split that does not start at 0 first
 * skips everything up to and including the first {@code '\n'} at or after {@code start - 1}; a split returns lines
 * while they start before {@code end}, and finishes the last one even if it runs past {@code end}. A compressed
 * split is read whole. A line ends at {@code '\n'}; a {@code '\r'} before it is not part of the line.
 *
 * <p>After {@link #nextLine()} returns true, the line is {@code buf()[lineStart(), lineEnd())}, valid until the
 * next call. {@link #extendLine()} makes the current record span the next line too (for CSV quoted newlines).
 */
final class SplitInput implements AutoCloseable {
  /** The size of one read, and of the buffer unless a longer line needs more. */
  static final int BLOCK_BYTES = 1 << 20;
  private static final int MAX_RECORD_BYTES = Integer.MAX_VALUE - 64;

  private final FileSplit split;
  private final InputStream in;
  private final long end;
  private byte[] buf;
  private int pos;
  private int limit;
  private long base;
  private boolean eof;
  private int lineStart;
  private int lineEnd;
  private int rawEnd;
  private boolean finished;

  private SplitInput(FileSplit split, InputStream in, long base, long end, byte[] buf) {
    this.split = split;
    this.in = in;
    this.base = base;
    this.end = end;
    this.buf = buf;
  }

  /**
   * Opens a split and moves to its first line. {@code buffer} is reused when given (see {@link #buffer()}).
   */
  static SplitInput open(FileSplit split, byte[] buffer) throws IOException {
    FileChannel channel = FileChannel.open(split.file(), StandardOpenOption.READ);
    boolean success = false;
    try {
      SplitInput input;
      if (split.compressed()) {
        input = new SplitInput(split, new GZIPInputStream(Channels.newInputStream(channel), 1 << 16), 0,
            Long.MAX_VALUE, buffer);
      } else {
        long skip = split.start() == 0 ? 0 : split.start() - 1;
        channel.position(skip);
        input = new SplitInput(split, Channels.newInputStream(channel), skip, split.end(), buffer);
        if (split.start() > 0) {
          input.skipPartialLine();
        }
      }
      success = true;
      return input;
    } finally {
      if (!success) {
        channel.close();
      }
    }
  }

  FileSplit split() {
    return split;
  }

  /** The array lines are read into; it may grow, so a caller reusing it for the next split takes it from here. */
  byte[] buf() {
    return buf;
  }

  int lineStart() {
    return lineStart;
  }

  int lineEnd() {
    return lineEnd;
  }

  /** The offset in the (uncompressed) file of the current line's first byte. */
  long lineOffset() {
    return base + lineStart;
  }

  /** Whether {@link #nextLine()} has found the split's end. */
  boolean finished() {
    return finished;
  }

  /** The offset in the (uncompressed) file of the next unread byte. */
  long position() {
    return base + pos;
  }

  /** Moves to the next line of the split; false when the split has no more. */
  boolean nextLine() throws IOException {
    if (finished || (pos >= limit && !refill(pos)) || base + pos >= end) {
      finished = true;
      return false;
    }
    lineStart = pos;
    findLineEnd(pos);
    return true;
  }

  /**
   * Makes the current record run to the end of the next line: the newline between them becomes content (with its
   * {@code '\r'}), and {@link #lineStart()} and {@link #lineEnd()} describe the longer record. False at the end of
   * the input, when there is no next line.
   */
  boolean extendLine() throws IOException {
    if (pos >= limit) {
      int keep = lineStart;
      if (!refill(keep)) {
        return false;
      }
    }
    if (rawEnd == limit && eof) {
      return false;
    }
    findLineEnd(pos);
    return true;
  }

  /** Sets lineEnd, rawEnd and pos for the line that starts at lineStart, searching from {@code from}. */
  private void findLineEnd(int from) throws IOException {
    int scanned = from;
    int nl;
    while ((nl = ByteScan.indexOf(buf, scanned, limit, (byte) '\n')) < 0) {
      int keep = lineStart;
      scanned = limit - keep;
      if (!refill(keep)) {
        rawEnd = limit;
        pos = limit;
        lineEnd = stripCr(limit);
        return;
      }
    }
    rawEnd = nl;
    pos = nl + 1;
    lineEnd = stripCr(nl);
  }

  private int stripCr(int at) {
    return at > lineStart && buf[at - 1] == '\r' ? at - 1 : at;
  }

  /** Skips the line the split starts inside of (which belongs to the previous split). */
  private void skipPartialLine() throws IOException {
    while (true) {
      if (pos >= limit && !refill(pos)) {
        return;
      }
      int nl = ByteScan.indexOf(buf, pos, limit, (byte) '\n');
      if (nl >= 0) {
        pos = nl + 1;
        return;
      }
      pos = limit;
    }
  }

  /**
   * Moves {@code buf[keep, limit)} to the front (every index drops by {@code keep}, lineStart too when it is at or
   * after keep) and reads more bytes, growing the array when the kept bytes fill it. False when nothing more could
   * be read.
   */
  private boolean refill(int keep) throws IOException {
    if (keep > 0) {
      System.arraycopy(buf, keep, buf, 0, limit - keep);
      limit -= keep;
      pos -= keep;
      lineStart -= keep;
      rawEnd -= keep;
      base += keep;
    }
    if (eof) {
      return false;
    }
    if (limit == buf.length) {
      if (buf.length >= MAX_RECORD_BYTES) {
        throw new GleamException(ErrorCode.MALFORMED_INPUT, "file " + split.file() + ": the line at byte "
            + (base + lineStart) + " is longer than " + MAX_RECORD_BYTES + " bytes");
      }
      byte[] bigger = new byte[(int) Math.min(MAX_RECORD_BYTES, 2L * buf.length)];
      System.arraycopy(buf, 0, bigger, 0, limit);
      buf = bigger;
    }
    int before = limit;
    while (limit < buf.length) {
      int n = in.read(buf, limit, buf.length - limit);
      if (n < 0) {
        eof = true;
        break;
      }
      limit += n;
    }
    return limit > before;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
