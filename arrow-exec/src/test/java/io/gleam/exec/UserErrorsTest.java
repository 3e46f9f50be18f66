package io.gleam.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gleam.planner.Dataset;
import io.gleam.planner.ErrorCode;
import io.gleam.planner.Flow;
import io.gleam.planner.GleamException;
import io.gleam.planner.Row;
import io.gleam.planner.Schemas;
import io.gleam.planner.fn.RowReducer;
import io.gleam.planner.spi.OnError;
import io.gleam.planner.spi.RunResult;
import io.gleam.planner.spi.SourceSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Failures of user code and user data surface as user errors that name the step, the row, the file and the line. */
class UserErrorsTest extends FlowTestBase {

  private static List<Row> numbers(int n) {
    List<Row> rows = new ArrayList<>();
    for (long i = 0; i < n; i++) {
      rows.add(Row.of(i, "n" + i));
    }
    return rows;
  }

  private GleamException fails(Flow flow) {
    return assertThrows(GleamException.class, () -> run(flow));
  }

  @Test
  void luaRuntimeErrorNamesStepAndLine() {
    Flow flow = Flow.create("lua-err").parallelism(2);
    Dataset mapped = flow.fromRows(numbers(500), "i bigint, s string", 2)
        .map("function(i, s)\n  if i == 321 then\n    error('bad row ' .. s)\n  end\n  return i, s\nend",
            "i bigint, s string");
    collect(mapped);
    GleamException e = fails(flow);
    assertEquals(ErrorCode.LUA_ERROR, e.code(), e.toString());
    String m = e.getMessage();
    assertTrue(m.contains("'" + mapped.name() + "'"), m);
    assertTrue(m.contains("line 3"), m);
    assertTrue(m.contains("bad row n321"), m);
  }

  @Test
  void luaReducerErrorNamesTheReduceStep() {
    Flow flow = Flow.create("lua-reduce-err").parallelism(2);
    Dataset reduced = flow.fromRows(numbers(100), "i bigint, s string", 2)
        .map("function(i, s) return i % 3, s end", "k bigint, s string")
        .reduceByKey("function(a, b)\n  return a + b\nend");
    collect(reduced);
    GleamException e = fails(flow);
    assertEquals(ErrorCode.LUA_ERROR, e.code());
    assertTrue(e.getMessage().contains("line 2") && e.getMessage().contains("reduce"), e.getMessage());
  }

  @Test
  void javaMapThatThrowsNamesStepAndRow() {
    Flow flow = Flow.create("java-err").parallelism(2);
    Dataset mapped = flow.fromRows(numbers(1000), "i bigint, s string", 3).map(r -> {
      if (r.getLong(0) == 777) {
        throw new IllegalArgumentException("no sevens");
      }
      return r;
    }, "i bigint, s string");
    collect(mapped);
    GleamException e = fails(flow);
    assertEquals(ErrorCode.USER_FUNCTION_FAILED, e.code(), e.toString());
    String m = e.getMessage();
    assertTrue(m.contains("'" + mapped.name() + "'"), m);
    assertTrue(m.contains("[777, n777]"), m);
    assertTrue(m.contains("no sevens"), m);
    assertTrue(e.getCause() instanceof IllegalArgumentException, "the cause is kept");
  }

  @Test
  void javaFilterFlatMapAndReducerErrorsAreWrappedToo() {
    Flow flow = Flow.create("java-errs");
    Dataset f = flow.fromRows(numbers(10), "i bigint, s string", 1).filter(r -> r.getString(1).length() > 99
        || ((String) null).isEmpty());
    collect(f);
    GleamException e = fails(flow);
    assertEquals(ErrorCode.USER_FUNCTION_FAILED, e.code());
    assertTrue(e.getMessage().contains(f.name()) && e.getMessage().contains("[0, n0]"), e.getMessage());

    Flow flow2 = Flow.create("java-errs2");
    Dataset fm = flow2.fromRows(numbers(10), "i bigint, s string", 1).flatMap((r, out) -> {
      throw new UnsupportedOperationException("flat");
    }, "i bigint");
    collect(fm);
    GleamException e2 = fails(flow2);
    assertEquals(ErrorCode.USER_FUNCTION_FAILED, e2.code());
    assertTrue(e2.getMessage().contains(fm.name()) && e2.getMessage().contains("flat"), e2.getMessage());

    Flow flow3 = Flow.create("java-errs3");
    Dataset red = flow3.fromRows(List.of(Row.of("a", 1L), Row.of("a", 2L)), "k string, v bigint", 1)
        .reduceByKey((RowReducer) (a, b) -> {
          throw new ArithmeticException("sum");
        });
    collect(red);
    GleamException e3 = fails(flow3);
    assertEquals(ErrorCode.USER_FUNCTION_FAILED, e3.code());
    assertTrue(e3.getMessage().contains("sum"), e3.getMessage());
  }

  @Test
  void mapReturningWrongValuesIsAUserError() {
    Flow flow = Flow.create("wrong-shape");
    Dataset mapped = flow.fromRows(numbers(10), "i bigint, s string", 1)
        .map(r -> Row.of(r.get(1), r.get(0)), "i bigint, s string");
    collect(mapped);
    GleamException e = fails(flow);
    assertEquals(ErrorCode.USER_FUNCTION_FAILED, e.code(), e.toString());
    assertTrue(e.getMessage().contains("'i'") && e.getMessage().contains("n0")
        && e.getMessage().contains(mapped.name()), e.getMessage());

    Flow flow2 = Flow.create("wrong-width");
    Dataset narrow = flow2.fromRows(numbers(10), "i bigint, s string", 1)
        .map(r -> Row.of(r.get(0)), "i bigint, s string");
    collect(narrow);
    GleamException e2 = fails(flow2);
    assertEquals(ErrorCode.USER_FUNCTION_FAILED, e2.code(), e2.toString());
    assertTrue(e2.getMessage().contains("'" + narrow.name() + "' returned 1 values [0]")
        && e2.getMessage().contains("(i bigint, s string)"), e2.getMessage());
  }

  @Test
  void javaValuesOfNeighbouringTypesAreConvertedToTheDeclaredOnes() {
    // Integers for a bigint column, a number for a string column, text for a date: what Arrow would store.
    Flow flow = Flow.create("widen");
    Dataset mapped = flow.fromRows(numbers(3), "i bigint, s string", 1)
        .map(r -> Row.of((int) r.getLong(0), r.getLong(0) * 10, "2024-01-0" + (r.getLong(0) + 1)),
            "i bigint, s string, day date");
    assertEquals(List.of(Row.of(0L, "0", java.time.LocalDate.of(2024, 1, 1)),
        Row.of(1L, "10", java.time.LocalDate.of(2024, 1, 2)), Row.of(2L, "20", java.time.LocalDate.of(2024, 1, 3))),
        rows(flow, mapped));
  }

  @Test
  void luaMapReturningTooFewValuesIsALuaError() {
    Flow flow = Flow.create("lua-narrow");
    Dataset mapped = flow.fromRows(numbers(3), "i bigint, s string", 1)
        .map("function(i, s) return i end", "i bigint, s string");
    collect(mapped);
    GleamException e = fails(flow);
    assertEquals(ErrorCode.LUA_ERROR, e.code(), e.toString());
    assertTrue(e.getMessage().contains(mapped.name()) && e.getMessage().contains("returned 1 values"), e.getMessage());
  }

  private Path malformedCsv() throws IOException {
    StringBuilder sb = new StringBuilder("id,name,amount\n");
    for (int i = 1; i <= 2000; i++) {
      if (i == 1234) {
        sb.append(i).append(",broken\n");
      } else if (i == 1500) {
        sb.append(i).append(",x,notanumber\n");
      } else {
        sb.append(i).append(",name").append(i).append(',').append(i * 10).append('\n');
      }
    }
    Path csv = work.resolve("orders.csv");
    Files.writeString(csv, sb);
    return csv;
  }

  @Test
  void malformedCsvFailsWithFileAndLine() throws IOException {
    Path csv = malformedCsv();
    Flow flow = Flow.create("csv-bad").parallelism(3);
    collect(flow.readCsv(csv.toString(), "id bigint, name string, amount bigint", true));
    GleamException e = fails(flow);
    assertEquals(ErrorCode.MALFORMED_INPUT, e.code(), e.toString());
    String m = e.getMessage();
    assertTrue(m.contains(csv.toString()), m);
    // Line 1 is the header, so row 1234 is on line 1235, row 1500 on line 1501; shards race to fail first.
    assertTrue(m.contains("line 1235") || m.contains("line 1501"), m);
  }

  @Test
  void malformedCsvSkippedAndCounted() throws IOException {
    Path csv = malformedCsv();
    Flow flow = Flow.create("csv-skip").parallelism(3);
    Dataset rows = flow.read(SourceSpec.csv(List.of(csv.toString()), 3,
            Schemas.parse("id bigint, name string, amount bigint"), true).withOnError(OnError.SKIP))
        .reduceByKey(List.of("name"), io.gleam.planner.plan.AggFunction.SUM);
    String id = collect(rows);
    RunResult result = run(flow);
    assertEquals(2, result.counter("source.skippedRows"), result.counters().toString());
    // Output per name: (name, sum of id, sum of amount); every good row has a name of its own.
    long idSum = 0;
    long amountSum = 0;
    for (Row r : result.rows(id)) {
      idSum += r.getLong(1);
      amountSum += r.getLong(2);
    }
    long wantIds = 0;
    long wantAmounts = 0;
    for (int i = 1; i <= 2000; i++) {
      if (i != 1234 && i != 1500) {
        wantIds += i;
        wantAmounts += i * 10L;
      }
    }
    assertEquals(1998, result.rows(id).size());
    assertEquals(wantIds, idSum);
    assertEquals(wantAmounts, amountSum);
  }

  @Test
  void missingInputIsNamed() {
    Flow flow = Flow.create("missing");
    collect(flow.readText(2, work.resolve("nope.txt").toString()));
    GleamException e = fails(flow);
    assertEquals(ErrorCode.INPUT_NOT_FOUND, e.code(), e.toString());
    assertTrue(e.getMessage().contains("nope.txt"), e.getMessage());
  }
}
