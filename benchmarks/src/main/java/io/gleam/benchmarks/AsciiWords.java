package io.gleam.benchmarks;

import java.util.function.Consumer;

/**
 * Splits text into words the way {@code LC_ALL=C tr -cs 'A-Za-z0-9' '\n'} does: a word is a maximal run of ASCII
 * letters and digits; every other character (punctuation, spaces, any non-ASCII character) separates words.
 */
final class AsciiWords {
  private AsciiWords() {}

  /** Sends each word of {@code line}, in order, to {@code out}. */
  static void forEach(String line, Consumer<String> out) {
    int n = line.length();
    int start = -1;
    for (int i = 0; i < n; i++) {
      if (isWordChar(line.charAt(i))) {
        if (start < 0) {
          start = i;
        }
      } else if (start >= 0) {
        out.accept(line.substring(start, i));
        start = -1;
      }
    }
    if (start >= 0) {
      out.accept(line.substring(start, n));
    }
  }

  static boolean isWordChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
}
