package io.gleam.connectors;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Finds the line number of a byte offset by counting newlines from the start of the file. Readers call it only
 * when they report an error, so shards that start in the middle of a file still name true line numbers without
 * counting lines on the fast path.
 */
final class LineNumbers {
  private LineNumbers() {}

  /** The 1-based number of the line containing {@code offset} (an offset in the uncompressed bytes). */
  static long lineAt(Path file, boolean compressed, long offset) throws IOException {
    byte[] block = new byte[1 << 16];
    long lines = 1;
    long seen = 0;
    try (InputStream raw = Files.newInputStream(file);
         InputStream in = compressed ? new GZIPInputStream(raw, 1 << 16) : raw) {
      while (seen < offset) {
        int n = in.read(block, 0, (int) Math.min(block.length, offset - seen));
        if (n < 0) {
          break;
        }
        lines += ByteScan.count(block, 0, n, (byte) '\n');
        seen += n;
      }
    }
    return lines;
  }
}
