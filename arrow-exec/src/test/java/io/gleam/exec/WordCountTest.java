package io.gleam.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gleam.planner.Dataset;
import io.gleam.planner.Flow;
import io.gleam.planner.Row;
import io.gleam.planner.fn.RowReducer;
import io.gleam.planner.plan.AggFunction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Word count over a generated multi-shard text file, with Java functions, with Lua, and with a built-in SUM;
 * the oracle is the classic shell pipeline {@code tr -cs 'A-Za-z0-9' '\n' | sort | uniq -c} in the C locale.
 */
class WordCountTest extends FlowTestBase {
  private static final String SEPARATORS = " ,.;:!?-'()\t";

  private Path text;
  private Map<String, Long> expected;

  @BeforeEach
  void generate() throws IOException {
    text = work.resolve("words.txt");
    Random random = new Random(20240611L);
    List<String> vocabulary = new ArrayList<>();
    for (int i = 0; i < 700; i++) {
      String w = Integer.toString(i * 7919 + 13, 36);
      vocabulary.add(i % 5 == 0 ? w.toUpperCase() : w);
    }
    vocabulary.add("x");
    vocabulary.add("2024");
    StringBuilder sb = new StringBuilder();
    for (int line = 0; line < 30_000; line++) {
      if (random.nextInt(20) == 0) {
        sb.append('\n');
        continue;
      }
      int words = random.nextInt(12);
      if (random.nextBoolean()) {
        sb.append(SEPARATORS.charAt(random.nextInt(SEPARATORS.length())));
      }
      for (int w = 0; w < words; w++) {
        // Skewed: a few words are very common.
        int idx = random.nextInt(3) == 0 ? random.nextInt(10) : random.nextInt(vocabulary.size());
        sb.append(vocabulary.get(idx));
        int seps = 1 + random.nextInt(2);
        for (int s = 0; s < seps; s++) {
          sb.append(SEPARATORS.charAt(random.nextInt(SEPARATORS.length())));
        }
      }
      sb.append('\n');
    }
    Files.writeString(text, sb, StandardCharsets.US_ASCII);
    expected = shellCounts();
  }

  /** {@code count word} lines of the shell pipeline, as a map. */
  private Map<String, Long> shellCounts() {
    String out = shell("tr -cs 'A-Za-z0-9' '\\n' | grep -v '^$' | sort | uniq -c", text);
    Map<String, Long> counts = new TreeMap<>();
    for (String line : out.split("\n")) {
      String[] parts = line.trim().split("\\s+");
      counts.put(parts[1], Long.parseLong(parts[0]));
    }
    assertTrue(counts.size() > 500, "the generated text has many distinct words");
    return counts;
  }

  private static Map<String, Long> asMap(List<Row> rows) {
    Map<String, Long> m = new TreeMap<>();
    for (Row r : rows) {
      Long previous = m.put(r.getString(0), r.getLong(1));
      assertEquals(null, previous, "word " + r.getString(0) + " appears twice in the output");
    }
    return m;
  }

  @Test
  void javaFunctions() {
    Flow flow = Flow.create("wc-java").parallelism(3);
    Dataset counts = flow.readText(4, text.toString())
        .flatMap((row, out) -> {
          for (String w : row.getString(0).split("[^A-Za-z0-9]+")) {
            if (!w.isEmpty()) {
              out.accept(Row.of(w));
            }
          }
        }, "word string")
        .map(r -> Row.of(r.get(0), 1L), "word string, count bigint")
        .reduceByKey((RowReducer) (a, b) -> Row.of(a.getLong(0) + b.getLong(0)));
    assertEquals(expected, asMap(rows(flow, counts)));
  }

  @Test
  void lua() {
    Flow flow = Flow.create("wc-lua").parallelism(3);
    Dataset counts = flow.readText(4, text.toString())
        .flatMap("function(line) return line:gmatch('%w+') end", "word string")
        .map("function(w) return w, 1 end", "word string, count bigint")
        .reduceByKey("function(x, y) return x + y end");
    assertEquals(expected, asMap(rows(flow, counts)));
  }

  @Test
  void builtinSumSortedByCountThenWord() {
    Flow flow = Flow.create("wc-sum").parallelism(4);
    Dataset sorted = flow.readText(3, text.toString())
        .flatMap("function(line) return line:gmatch('%w+') end", "word string")
        .map("function(w) return w, 1 end", "word string, count bigint")
        .reduceByKey(AggFunction.SUM)
        .sort("count desc", "word");
    List<Row> rows = rows(flow, sorted);

    List<Map.Entry<String, Long>> oracle = new ArrayList<>(expected.entrySet());
    oracle.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
    List<String> want = oracle.stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    List<String> got = rows.stream().map(r -> r.get(0) + "=" + r.get(1)).toList();
    assertEquals(want, got);
  }

  @Test
  void builtinCountOfKeysOnly() {
    Flow flow = Flow.create("wc-count").parallelism(2);
    Dataset counts = flow.readText(4, text.toString())
        .flatMap("function(line) return line:gmatch('%w+') end", "word string")
        .reduceByKey(AggFunction.COUNT);
    assertEquals(expected, asMap(rows(flow, counts)));
  }

  @Test
  void printfToFileMatchesShellPipelineByteForByte() throws IOException {
    Path out = work.resolve("out/counts.txt");
    Flow flow = Flow.create("wc-printf").parallelism(3);
    flow.readText(4, text.toString())
        .flatMap("function(line) return line:gmatch('%w+') end", "word string")
        .map("function(w) return w, 1 end", "word string, count bigint")
        .reduceByKey("function(x, y) return x + y end")
        .sort("word")
        .fprintf(out.toString(), "%s\t%d\n");
    run(flow);
    String want = shell("tr -cs 'A-Za-z0-9' '\\n' | grep -v '^$' | sort | uniq -c"
        + " | awk '{ printf \"%s\\t%s\\n\", $2, $1 }'", text);
    assertEquals(want, Files.readString(out));
  }

  @Test
  void wordLengthsMatchAnIndependentJavaCount() {
    // A second, independent oracle: count by word length with a plain HashMap loop.
    Map<Long, Long> byLength = new HashMap<>();
    expected.forEach((w, n) -> byLength.merge((long) w.length(), n, Long::sum));
    Flow flow = Flow.create("wc-len").parallelism(2);
    Dataset lengths = flow.readText(2, text.toString())
        .flatMap("function(line) return line:gmatch('%w+') end", "word string")
        .map("function(w) return #w, 1 end", "len bigint, n bigint")
        .reduceByKey(AggFunction.SUM);
    Map<Long, Long> got = new HashMap<>();
    for (Row r : rows(flow, lengths)) {
      got.put(r.getLong(0), r.getLong(1));
    }
    assertEquals(byLength, got);
    assertTrue(got.values().stream().max(Comparator.naturalOrder()).orElseThrow() > 1000);
  }
}
