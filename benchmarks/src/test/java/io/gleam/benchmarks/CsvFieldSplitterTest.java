package io.gleam.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvFieldSplitterTest {
  private static List<String> split(String line) {
    List<String> fields = new ArrayList<>();
    CsvFieldSplitter.split(line, fields, "t.csv line 2");
    return fields;
  }

  @Test
  void splitsPlainAndQuotedFields() {
    assertEquals(List.of("1", "a", "", "x"), split("1,a,,x"));
    assertEquals(List.of("1", "carefully, final", "say \"hi\"", ""), split("1,\"carefully, final\",\"say \"\"hi\"\"\","));
    assertEquals(List.of(""), split(""));
    assertEquals(List.of("", ""), split(","));
  }

  @Test
  void namesTheLineOfAnUnterminatedQuote() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> split("1,\"open"));
    assertTrue(e.getMessage().contains("t.csv line 2"), e.getMessage());
  }
}
