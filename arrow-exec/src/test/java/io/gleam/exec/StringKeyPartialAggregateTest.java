package io.gleam.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gleam.planner.Dataset;
import io.gleam.planner.Flow;
import io.gleam.planner.Row;
import io.gleam.planner.plan.AggCall;
import io.gleam.planner.plan.AggFunction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The COUNT/SUM partial aggregate keeps string keys as bytes: ASCII Java strings are hashed without copying, other
 * Java strings by their UTF-8 bytes, Lua strings as they are; keys of at most 15 bytes are packed into their slot
 * (bytes 0-7 in one word, 8-14 in the next), longer ones live in an arena (the words straddle the 8- and the 16-byte
 * lines, and both kinds grow the table together). Keys of every kind, the same text arriving from Java
 * and from Lua, NULL keys and values, two-column keys and a budget small enough to make the table emit many
 * times must all give what a HashMap loop gives.
 */
class StringKeyPartialAggregateTest extends FlowTestBase {
  private static final String[] WORDS = {
      "", "a", "the", "caf\u00e9", "na\u00efve", "\u0142\u00f3d\u017a", "\uD83D\uDE00x", "x\u0000y", "\u00ff",
      "longer-key-than-eight-bytes", "A", "a ", " a", "seven77", "eight888", "\u00e9\u00e9\u00e9x", "\u00e9\u00e9\u00e9\u00e9",
      "fifteen-bytes15", "sixteen-bytes-16", "fifteen-bytes1\u00e9", "fourteen-byt\u00e9", "eight888\u0000", "seven77\u0000",
      "\u0000", "\u0000\u0000"};

  private static List<Row> data(int n, long seed) {
    Random random = new Random(seed);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int pick = random.nextInt(WORDS.length + 3);
      String k = pick < WORDS.length ? WORDS[pick] : pick == WORDS.length ? null
          : pick == WORDS.length + 1 ? "k" + random.nextInt(3000) : "long-key-" + random.nextInt(700)
          + (random.nextBoolean() ? "" : "-and-then-some");
      Long v = random.nextInt(9) == 0 ? null : (long) random.nextInt(1000) - 500;
      rows.add(Row.of(k, v, random.nextInt(3) == 0 ? "p" : "q"));
    }
    return rows;
  }

  /** key columns -> [count(*), count(v), sum(v) or null]. */
  private static Map<List<Object>, List<Object>> oracle(List<Row> rows, int keyColumns) {
    Map<List<Object>, List<Object>> out = new HashMap<>();
    for (Row r : rows) {
      List<Object> key = new ArrayList<>();
      for (int c = 0; c < keyColumns; c++) {
        key.add(c == 0 ? r.get(0) : r.get(2));
      }
      List<Object> acc = out.computeIfAbsent(key, x -> new ArrayList<>(Arrays.asList(0L, 0L, null)));
      acc.set(0, (Long) acc.get(0) + 1);
      Long v = (Long) r.get(1);
      if (v != null) {
        acc.set(1, (Long) acc.get(1) + 1);
        acc.set(2, acc.get(2) == null ? v : (Long) acc.get(2) + v);
      }
    }
    return out;
  }

  private static Map<List<Object>, List<Object>> byKey(List<Row> rows, int keyColumns) {
    Map<List<Object>, List<Object>> out = new HashMap<>();
    for (Row r : rows) {
      List<Object> key = new ArrayList<>();
      for (int c = 0; c < keyColumns; c++) {
        key.add(r.get(c));
      }
      List<Object> values = new ArrayList<>();
      for (int c = keyColumns; c < r.size(); c++) {
        values.add(r.get(c));
      }
      assertEquals(null, out.put(key, values), "key " + key + " came out twice");
    }
    return out;
  }

  private static List<AggCall> calls() {
    return List.of(new AggCall(AggFunction.COUNT, -1, "n"), new AggCall(AggFunction.COUNT, 1, "nv"),
        new AggCall(AggFunction.SUM, 1, "sv"));
  }

  @Test
  void javaAndLuaStringKeysMeetUnderATinyBudget() {
    List<Row> fromJava = data(20_000, 1);
    List<Row> fromLua = data(20_000, 2);
    Flow flow = Flow.create("string-keys").parallelism(2);
    Dataset java = flow.fromRows(fromJava, "k string, v bigint, g string", 2);
    Dataset lua = flow.fromRows(fromLua, "k string, v bigint, g string", 2)
        .map("function(k, v, g) return k, v, g end", "k string, v bigint, g string");
    Dataset one = java.union(lua).aggregate(List.of("k"), calls());
    Dataset two = java.union(lua).aggregate(List.of("k", "g"), calls());
    String oneId = collect(one);
    String twoId = collect(two);
    var result = run(flow, options().withMemoryBudget(60_000));
    List<Row> all = new ArrayList<>(fromJava);
    all.addAll(fromLua);
    assertEquals(oracle(all, 1), byKey(result.rows(oneId), 1));
    assertEquals(oracle(all, 2), byKey(result.rows(twoId), 2));
  }

  /** The word-count operator takes a lone SUM over BIGINT: an overflow fails naming the call, never wraps. */
  @Test
  void bigintSumOverflowFails() {
    Flow flow = Flow.create("overflow").parallelism(1);
    Dataset in = flow.fromRows(List.of(Row.of("a", Long.MAX_VALUE - 1, "p"), Row.of("a", 5L, "p")),
        "k string, v bigint, g string", 1);
    collect(in.aggregate(List.of("k"), List.of(new AggCall(AggFunction.SUM, 1, "total"))));
    RuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () -> run(flow));
    String message = e.getMessage() + " " + e.getCause();
    org.junit.jupiter.api.Assertions.assertTrue(message.contains("SUM(v) as total: the sum overflows BIGINT"),
        message);
  }

  /**
   * The aggregate takes a Java flatMap's words 64 at a time straight from the last step; a line that makes more
   * words than that leaves the rest queued for the next batch, and a tiny budget makes the table emit in the middle
   * of a batch, which must resume where it stopped. Counts must match a HashMap loop over the same words.
   */
  @Test
  void burstyJavaFlatMapUnderATinyBudget() {
    List<Row> lines = new ArrayList<>();
    Map<List<Object>, List<Object>> expected = new HashMap<>();
    for (int i = 0; i < 3_000; i++) {
      lines.add(Row.of((long) i));
      for (int w = 0; w < i % 150; w++) {
        expected.merge(List.of(burstWord(i, w)), List.of(1L), (x, y) -> List.of((Long) x.get(0) + 1));
      }
    }
    Flow flow = Flow.create("bursty").parallelism(2);
    Dataset words = flow.fromRows(lines, "i bigint", 2)
        .flatMap((r, out) -> {
          long i = (Long) r.get(0);
          for (int w = 0; w < i % 150; w++) {
            out.accept(Row.of(burstWord(i, w)));
          }
        }, "word string")
        .reduceByKey(AggFunction.COUNT);
    String id = collect(words);
    var result = run(flow, options().withMemoryBudget(40_000));
    assertEquals(expected, byKey(result.rows(id), 1));
  }

  private static String burstWord(long i, int w) {
    int k = (int) ((i * 31 + w * 7) % 5_000);
    return k % 3 == 0 ? "w" + k : k % 3 == 1 ? "a-word-longer-than-fifteen-" + k : "mid-" + k;
  }

  @Test
  void luaFlatMapWordsCountedLikeJavaWords() {
    List<Row> lines = List.of(Row.of("caf\u00e9 the the a"), Row.of("\u0142\u00f3d\u017a the a"), Row.of(""),
        Row.of("a a a caf\u00e9"));
    Flow flow = Flow.create("lua-words").parallelism(2);
    Dataset words = flow.fromRows(lines, "line string", 2)
        .flatMap("function(line) return line:gmatch('%S+') end", "word string")
        .reduceByKey(AggFunction.COUNT);
    Map<List<Object>, List<Object>> expected = Map.of(
        List.of("caf\u00e9"), List.of(2L), List.of("the"), List.of(3L), List.of("a"), List.of(5L),
        List.of("\u0142\u00f3d\u017a"), List.of(1L));
    assertEquals(expected, byKey(rows(flow, words), 1));
  }

  /**
   * Keys longer than a slot's 15 bytes live in the arena, which starts at 64 KiB and grows: thousands of long keys
   * from Lua (as Lua strings) and long non-ASCII Java keys must grow it without losing a byte.
   */
  @Test
  void longKeysGrowTheArena() {
    List<Row> rows = new ArrayList<>();
    Map<List<Object>, List<Object>> expected = new HashMap<>();
    for (int i = 0; i < 30_000; i++) {
      String word = (i % 2 == 0 ? "a-rather-long-word-number-" : "\u00e9t\u00e9-long-non-ascii-") + (i % 9_000);
      rows.add(Row.of(word));
      expected.merge(List.of(word), List.of(1L), (a, b) -> List.of((Long) a.get(0) + 1));
    }
    Flow flow = Flow.create("long-keys").parallelism(2);
    Dataset lines = flow.fromRows(rows, "line string", 2);
    Dataset fromLua = lines.flatMap("function(line) return line:gmatch('%S+') end", "word string")
        .reduceByKey(AggFunction.COUNT);
    Dataset fromJava = lines.reduceByKey(AggFunction.COUNT);
    String luaId = collect(fromLua);
    String javaId = collect(fromJava);
    var result = run(flow);
    assertEquals(expected, byKey(result.rows(luaId), 1));
    assertEquals(expected, byKey(result.rows(javaId), 1));
  }
}
