package io.gleam.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AsciiWordsTest {
  @Test
  void splitsOnEverythingButAsciiLettersAndDigits() {
    assertEquals(List.of("Hello", "world", "wide", "42x"), words("Hello, world-wide 42x!"));
    assertEquals(List.of("don", "t", "stop"), words("\"don't stop\""));
    assertEquals(List.of("caf", "au", "lait"), words("café au_lait"));
    assertEquals(List.of("a"), words("  a  "));
    assertEquals(List.of(), words(""));
    assertEquals(List.of(), words("?!, -"));
  }

  private static List<String> words(String line) {
    List<String> out = new ArrayList<>();
    AsciiWords.forEach(line, out::add);
    return out;
  }
}
