package io.gleam.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WordCountsTest {
  @Test
  void readsTabSeparatedAndUniqOutput(@TempDir Path dir) throws Exception {
    Path tab = Files.writeString(dir.resolve("tab.out"), "the\t3\nof\t2\nzebra\t1\n");
    Path uniq = Files.writeString(dir.resolve("uniq.out"), "      1 \n      2 of\n      3 the\n      1 zebra\n");
    WordCounts fromTab = WordCounts.readTabSeparated(tab);
    WordCounts fromUniq = WordCounts.readUniqCounts(uniq);
    assertEquals(fromTab, fromUniq);
    assertEquals(6, fromTab.totalWords());
    assertEquals(3, fromTab.distinctWords());
    assertEquals(List.of(Map.entry("the", 3L), Map.entry("of", 2L)), fromTab.top(2));
    assertEquals("", fromTab.differencesFrom(fromUniq));
  }

  @Test
  void namesTheDifferences() {
    WordCounts expected = new WordCounts(Map.of("the", 3L, "of", 2L));
    WordCounts actual = new WordCounts(Map.of("the", 3L, "of", 1L, "off", 1L));
    String d = actual.differencesFrom(expected);
    assertTrue(d.contains("distinct words 3 (expected 2)"), d);
    assertTrue(d.contains("'of': 1 (expected 2)"), d);
    assertTrue(d.contains("'off': 1 (expected null)"), d);
  }

  @Test
  void rejectsMalformedLines(@TempDir Path dir) throws Exception {
    Path bad = Files.writeString(dir.resolve("bad.out"), "the 3\n");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> WordCounts.readTabSeparated(bad));
    assertTrue(e.getMessage().contains("line 1"), e.getMessage());
  }
}
