package io.gleam.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AnswerCheckTest {
  @Test
  void decimalsMatchDoublesWithinTheirLastPlace() {
    List<List<Object>> expected = List.of(List.of("A", 25.575154611454693));
    assertEquals(Optional.empty(), AnswerCheck.difference(List.of(List.of("A", new BigDecimal("25.58"))), expected,
        true, 0.5));
    // Truncated to scale 2: off by more than half a unit, within one.
    assertTrue(AnswerCheck.difference(List.of(List.of("A", new BigDecimal("25.57"))), expected, true, 0.5)
        .isPresent());
    assertEquals(Optional.empty(), AnswerCheck.difference(List.of(List.of("A", new BigDecimal("25.57"))), expected,
        true, 1.0));
  }

  @Test
  void unorderedAnswersCompareAsMultisets() {
    List<List<Object>> a = List.of(List.of("x", 1L), List.of("y", 2L));
    List<List<Object>> b = List.of(List.of("y", new BigDecimal("2")), List.of("x", 1));
    assertEquals(Optional.empty(), AnswerCheck.difference(a, b, false, 0.5));
    Optional<String> ordered = AnswerCheck.difference(a, b, true, 0.5);
    assertTrue(ordered.orElseThrow().startsWith("row 1 column 1"), ordered.get());
  }

  @Test
  void namesRowCountsAndNulls() {
    assertTrue(AnswerCheck.difference(List.of(), List.of(List.of((Object) 1)), false, 0.5).orElseThrow()
        .startsWith("expected 1 rows, got 0"));
    List<Object> nullRow = new java.util.ArrayList<>();
    nullRow.add(null);
    assertTrue(AnswerCheck.difference(List.of(nullRow), List.of(List.of((Object) 0)), false, 0.5).isPresent());
  }
}
