package io.gleam.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.planner.Row;
import io.gleam.planner.Schemas;
import io.gleam.planner.spi.OnError;
import io.gleam.planner.spi.SourceSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvSourceTest {
  private static final String ORDERS_SCHEMA = "o_orderkey bigint, o_custkey bigint, o_orderstatus string, "
      + "o_totalprice decimal(15,2), o_orderdate date, o_orderpriority string, o_clerk string, "
      + "o_shippriority int, o_comment string";

  private final BufferAllocator allocator = new RootAllocator();

  @TempDir
  Path dir;

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  private Path write(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  private List<Row> csv(Path p, String schema, boolean header) {
    return SourceRows.readAll(SourceSpec.csv(List.of(p.toString()), 1, Schemas.parse(schema), header), allocator);
  }

  private GleamException csvError(SourceSpec spec) {
    GleamException e = assertThrows(GleamException.class, () -> SourceRows.readAll(spec, allocator));
    assertEquals(ErrorCode.MALFORMED_INPUT, e.code(), e.getMessage());
    return e;
  }

  private static String orderLine(int i) {
    return i + "," + (i * 7) + ",O," + i + ".25,1996-01-02,5-LOW,Clerk#000000951,0,nstructions sleep";
  }

  /** An orders.csv with a header and 900 rows; data row {@code bad} (on line bad+1) replaced by {@code badLine}. */
  private Path orders(int bad, String badLine) throws IOException {
    StringBuilder sb = new StringBuilder(
        "o_orderkey,o_custkey,o_orderstatus,o_totalprice,o_orderdate,o_orderpriority,o_clerk,o_shippriority,"
            + "o_comment\n");
    for (int i = 1; i <= 900; i++) {
      sb.append(i == bad ? badLine : orderLine(i)).append('\n');
    }
    return write("orders.csv", sb.toString());
  }

  @Test
  void quotingFollowsRfc4180() throws IOException {
    Path p = write("q.csv", "a,\"b,c\",\"say \"\"hi\"\"\"\r\n"
        + "\"multi\nline\",\"\",x\"y\n"
        + "\"\",,\"\"\"\"\n"
        + "\"crlf\r\ninside\",2,3");
    List<Row> rows = csv(p, "x string, y string, z string", false);
    assertEquals(List.of(
        Row.of("a", "b,c", "say \"hi\""),
        Row.of("multi\nline", "", "x\"y"),
        Row.of("", "", "\""),
        Row.of("crlf\r\ninside", "2", "3")), rows);
  }

  /**
   * Random records of twelve string fields (delimiters, quotes, newlines and spaces inside quoted fields, empty and
   * long fields, quotes inside unquoted ones), written by a plain encoder here and read back through every kind of
   * column subset: what each subset reads must be those columns of the values written.
   */
  @Test
  void projectedColumnsOfRandomRecordsAreTheValuesWritten() throws IOException {
    java.util.Random random = new java.util.Random(11);
    String alphabet = "abcdefgh ,\"\n0123456789\u00e9\u20ac";
    int width = 12;
    List<List<String>> values = new java.util.ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (int r = 0; r < 3000; r++) {
      List<String> row = new java.util.ArrayList<>();
      for (int c = 0; c < width; c++) {
        StringBuilder v = new StringBuilder();
        int length = random.nextInt(10) == 0 ? 20 + random.nextInt(30) : random.nextInt(9);
        boolean special = random.nextInt(4) == 0;
        for (int k = 0; k < length; k++) {
          v.append(special ? alphabet.charAt(random.nextInt(alphabet.length())) : (char) ('a' + random.nextInt(26)));
        }
        String value = v.toString();
        row.add(value);
        boolean mustQuote = value.contains(",") || value.contains("\n") || value.startsWith("\"");
        if (c > 0) {
          text.append(',');
        }
        if (mustQuote || random.nextInt(20) == 0) {
          text.append('"').append(value.replace("\"", "\"\"")).append('"');
        } else {
          text.append(value);
        }
      }
      values.add(row);
      text.append(random.nextBoolean() ? "\n" : "\r\n");
    }
    Path p = write("random.csv", text.toString());
    StringBuilder schema = new StringBuilder();
    for (int c = 0; c < width; c++) {
      schema.append(c == 0 ? "" : ", ").append("c").append(c).append(" string");
    }
    SourceSpec spec = SourceSpec.csv(List.of(p.toString()), 1, Schemas.parse(schema.toString()), false);
    List<List<Integer>> subsets = new java.util.ArrayList<>(List.of(List.of(0), List.of(width - 1), List.of(3, 4),
        List.of(0, 5, 11), List.of()));
    for (int k = 0; k < 8; k++) {
      List<Integer> subset = new java.util.ArrayList<>();
      for (int c = 0; c < width; c++) {
        if (random.nextInt(3) == 0) {
          subset.add(c);
        }
      }
      if (!subset.isEmpty()) {
        subsets.add(subset);
      }
    }
    for (List<Integer> subset : subsets) {
      List<Integer> columns = subset.isEmpty() ? java.util.stream.IntStream.range(0, width).boxed().toList() : subset;
      List<Row> expected = values.stream()
          .map(row -> Row.of(columns.stream().map(row::get).toArray()))
          .toList();
      assertEquals(expected, SourceRows.readAll(spec.withColumns(subset), allocator), "columns " + subset);
      // A small buffer puts line ends next to its end, where the last bytes of a line are read one at a time.
      assertEquals(expected, SourceRows.readAll(spec.withColumns(subset), allocator, 100, 61), "columns " + subset);
    }
  }

  @Test
  void unreadColumnsAreCutButNotParsed() throws IOException {
    Path p = write("t.csv", "1,x,2023-01-05,1.5\n2,y,not a date,oops\n3,z,2023-01-07,2.5\n");
    SourceSpec spec = SourceSpec.csv(List.of(p.toString()), 1,
        Schemas.parse("id bigint, s string, d date, v double"), false);
    assertEquals(List.of(Row.of(1L, "x"), Row.of(2L, "y"), Row.of(3L, "z")),
        SourceRows.readAll(spec.withColumns(List.of(0, 1)), allocator));
    assertEquals("CSV file " + p + " line 2 column 'd': cannot parse 'not a date' as date",
        csvError(spec.withColumns(List.of(2))).getMessage());
    Path q = write("short.csv", "1,x,2023-01-05,1.5\n2,y,2023-01-06\n");
    assertEquals("CSV file " + q + " line 2: expected 4 fields, found 3",
        csvError(SourceSpec.csv(List.of(q.toString()), 1, Schemas.parse("id bigint, s string, d date, v double"),
            false).withColumns(List.of(0))).getMessage());
    GleamException e = assertThrows(GleamException.class, () -> spec.withColumns(List.of(2, 1)));
    assertEquals(ErrorCode.INVALID_FLOW, e.code());
  }

  @Test
  void headerIsSkippedInEveryFile() throws IOException {
    Files.createDirectories(dir.resolve("h"));
    write("h/1.csv", "id,name\n1,a\n2,b\n");
    write("h/2.csv", "id,name\n3,c\n");
    write("h/3.csv", "id,name");
    SourceSpec spec = SourceSpec.csv(List.of(dir.resolve("h").toString()), 1, Schemas.parse("id int, name string"),
        true);
    assertEquals(List.of(Row.of(1, "a"), Row.of(2, "b"), Row.of(3, "c")), SourceRows.readAll(spec, allocator));
  }

  @Test
  void headerLongerThanSplitsIsSkippedOnce() throws IOException {
    String header = "identifier_of_the_row_" + "x".repeat(200) + ",name\n";
    Path p = write("wide.csv", header + "1,a\n2,b\n3,c\n");
    for (int shards = 1; shards <= 30; shards += 7) {
      SourceSpec spec = SourceSpec.csv(List.of(p.toString()), shards, Schemas.parse("id int, name string"), true);
      assertEquals(List.of(Row.of(1, "a"), Row.of(2, "b"), Row.of(3, "c")),
          SourceRows.readAll(spec, allocator, 2, 16), shards + " shards");
    }
  }

  @Test
  void batchMemoryBeyondTheAllocatorLimitIsExceededMemory() throws IOException {
    Path p = write("mem.csv", "1,a\n2,b\n");
    SourceSpec spec = SourceSpec.csv(List.of(p.toString()), 1, Schemas.parse("id int, name string"), false);
    try (BufferAllocator small = allocator.newChildAllocator("small", 0, 1024);
         SourceStream stream = Sources.open(spec, 0, small)) {
      GleamException e = assertThrows(GleamException.class, stream::next);
      assertEquals(ErrorCode.EXCEEDED_MEMORY, e.code());
      assertTrue(e.getMessage().contains("'small'"), e.getMessage());
    }
  }

  @Test
  void emptyFieldsAndNullStrings() throws IOException {
    Path p = write("n.csv", "1,,,\n,x,\"\",\n,\\N,\\N,\n");
    String schema = "a bigint, b string, c string, d double";
    assertEquals(List.of(
        Row.of(1L, "", "", null),
        Row.of(null, "x", "", null),
        Row.of(null, "\\N", "\\N", null)), csv(p, schema, false));
    Path q = write("nulls.csv", "1,x,\"\\N\",2\n\\N,\\N,\\N,\\N\n,,\"\",\n");
    SourceSpec withNull = SourceSpec.csv(List.of(q.toString()), 1, Schemas.parse(schema), false)
        .withNullString("\\N");
    assertEquals(List.of(
        Row.of(1L, "x", "\\N", 2.0),
        Row.of(null, null, null, null),
        Row.of(null, "", "", null)), SourceRows.readAll(withNull, allocator));
  }

  @Test
  void typesConvert() throws IOException {
    Path p = write("t.csv", String.join("\n",
        " 42 ,-7,1.5,true,2024-02-29,12.345,2024-02-29 13:14:15.123456789,123456789012345678901234.5",
        "-9223372036854775808,2147483647,-0.0,F,1970-01-01,-0.5,2024-01-01T00:00,0",
        "9223372036854775807,-2147483648,1e3,yes,0001-01-01,99.994,2024-01-01,1.5E3",
        "0,0,NaN,0,9999-12-31,+7,1999-12-31 23:59:59Z,-0.00000000005",
        "1,1,-Infinity,No,2000-01-01,.5,2000-01-01 00:00:00.5,5."));
    List<Row> rows = csv(p, "a bigint, b int, c double, d boolean, e date, f decimal(5,2), g timestamp, "
        + "h decimal(38,10)", false);
    assertEquals(Row.of(42L, -7, 1.5, true, LocalDate.of(2024, 2, 29), new BigDecimal("12.35"),
        LocalDateTime.of(2024, 2, 29, 13, 14, 15, 123_456_000), new BigDecimal("123456789012345678901234.5000000000")),
        rows.get(0));
    assertEquals(Row.of(Long.MIN_VALUE, Integer.MAX_VALUE, -0.0, false, LocalDate.of(1970, 1, 1),
        new BigDecimal("-0.50"), LocalDateTime.of(2024, 1, 1, 0, 0), new BigDecimal("0E-10")), rows.get(1));
    assertEquals(Row.of(Long.MAX_VALUE, Integer.MIN_VALUE, 1000.0, true, LocalDate.of(1, 1, 1),
        new BigDecimal("99.99"), LocalDateTime.of(2024, 1, 1, 0, 0), new BigDecimal("1500.0000000000")),
        rows.get(2));
    assertEquals(Row.of(0L, 0, Double.NaN, false, LocalDate.of(9999, 12, 31), new BigDecimal("7.00"),
        LocalDateTime.of(1999, 12, 31, 23, 59, 59), new BigDecimal("-1E-10")), rows.get(3));
    assertEquals(Row.of(1L, 1, Double.NEGATIVE_INFINITY, false, LocalDate.of(2000, 1, 1), new BigDecimal("0.50"),
        LocalDateTime.of(2000, 1, 1, 0, 0, 0, 500_000_000), new BigDecimal("5.0000000000")), rows.get(4));
  }

  @Test
  void decimalRoundsHalfUpAndChecksPrecision() throws IOException {
    Path p = write("d.csv", "1.005\n-1.005\n999.994\n0.001\n-0.004\n");
    assertEquals(List.of(Row.of(new BigDecimal("1.01")), Row.of(new BigDecimal("-1.01")),
        Row.of(new BigDecimal("999.99")), Row.of(new BigDecimal("0.00")), Row.of(new BigDecimal("0.00"))),
        csv(p, "d decimal(5,2)", false));
    for (String bad : List.of("999.995", "1000", "1.2.3", "-", ".", "1e", "12a", "")) {
      Path q = write("bad.csv", "x," + (bad.isEmpty() ? "\"\"" : bad) + "\n");
      GleamException e = csvError(SourceSpec.csv(List.of(q.toString()), 1,
          Schemas.parse("x string, d decimal(5,2)"), false));
      assertEquals("CSV file " + q + " line 1 column 'd': cannot parse '" + bad + "' as decimal(5,2)",
          e.getMessage());
    }
  }

  @Test
  void wrongFieldCountNamesTheTrueLineInALaterShard() throws IOException {
    Path p = orders(811, "1,2,3,4,5,6,7");
    SourceSpec spec = SourceSpec.csv(List.of(p.toString()), 4, Schemas.parse(ORDERS_SCHEMA), true);
    try (SourceStream stream = Sources.open(spec, 3, allocator)) {
      GleamException e = assertThrows(GleamException.class, () -> SourceRows.drain(stream, 8192));
      assertEquals(ErrorCode.MALFORMED_INPUT, e.code());
      assertEquals("CSV file " + p + " line 812: expected 9 fields, found 7", e.getMessage());
    }
  }

  @Test
  void unparseableValueNamesLineColumnValueAndType() throws IOException {
    Path p = orders(811, "811,5677,O,abc,1996-01-02,5-LOW,Clerk#000000951,0,x");
    GleamException e = csvError(SourceSpec.csv(List.of(p.toString()), 3, Schemas.parse(ORDERS_SCHEMA), true));
    assertEquals("CSV file " + p + " line 812 column 'o_totalprice': cannot parse 'abc' as decimal(15,2)",
        e.getMessage());
  }

  @Test
  void everyTypeReportsItsParseError() throws IOException {
    String[][] cases = {
        {"bigint", "12x"}, {"bigint", "9223372036854775808"}, {"int", "2147483648"}, {"int", "1.0"},
        {"double", "1.5d"}, {"double", "0x10"}, {"double", "e5"}, {"boolean", "maybe"}, {"boolean", "2"},
        {"date", "2023-02-30"}, {"date", "2023-1-5"}, {"date", "2023-01-05x"}, {"timestamp", "2023-01-05 25:00"},
        {"timestamp", "2023-01-05 10"}, {"timestamp", "2023-01-05T10:00:00."}, {"decimal(3,1)", "12.3.4"},
        {"int", " "}};
    for (String[] c : cases) {
      Path p = write("e.csv", "ok,ok\nok,\"" + c[1] + "\"\n");
      GleamException e = csvError(SourceSpec.csv(List.of(p.toString()), 1,
          Schemas.parse("s string, v " + c[0]), true));
      assertEquals("CSV file " + p + " line 2 column 'v': cannot parse '" + c[1] + "' as "
          + Schemas.typeName(Schemas.type(c[0], c[0])), e.getMessage());
    }
  }

  @Test
  void structuralErrors() throws IOException {
    Path p = write("s.csv", "a,b\n\"x\"y,b\n");
    assertEquals("CSV file " + p + " line 2: unexpected 'y' after the closing quote of field 1",
        csvError(SourceSpec.csv(List.of(p.toString()), 1, Schemas.parse("a string, b string"), false))
            .getMessage());
    Path q = write("u.csv", "a,b\nc,d\n\"never closed,x\ny,z\n");
    assertEquals("CSV file " + q + " line 3: unterminated quoted field 1",
        csvError(SourceSpec.csv(List.of(q.toString()), 1, Schemas.parse("a string, b string"), false))
            .getMessage());
    Path r = write("nn.csv", "1,a\n,b\n");
    assertEquals("CSV file " + r + " line 2 column 'id': NULL in a not null column",
        csvError(SourceSpec.csv(List.of(r.toString()), 1, Schemas.parse("id bigint not null, b string"), false))
            .getMessage());
  }

  @Test
  void invalidUtf8InAStringColumn() throws IOException {
    Path p = dir.resolve("u.csv");
    Files.write(p, new byte[] {'1', ',', 'o', 'k', '\n', '2', ',', '"', 'a', (byte) 0xE9, '"', '\n'});
    GleamException e = csvError(SourceSpec.csv(List.of(p.toString()), 1, Schemas.parse("i int, s string"), false));
    assertEquals("CSV file " + p + " line 2 column 's': invalid UTF-8 at byte 9", e.getMessage());
    Path unquoted = dir.resolve("v.csv");
    Files.write(unquoted, new byte[] {'1', ',', 'o', 'k', '\n', '2', ',', 'a', 'b', (byte) 0xE9, 'c', 'd', 'e', 'f',
        'g', 'h', '\n'});
    e = csvError(SourceSpec.csv(List.of(unquoted.toString()), 1, Schemas.parse("i int, s string"), false));
    assertEquals("CSV file " + unquoted + " line 2 column 's': invalid UTF-8 at byte 9", e.getMessage());
  }

  @Test
  void skipModeSkipsAndCountsEveryKindOfBadRow() throws IOException {
    Path p = write("skip.csv", String.join("\n", "id,v", "1,1.5", "2", "3,abc", "\"4\"x,1", "5,2.5", ",3",
        "6,\"7\"", "7,1,extra", "8,8"));
    SourceSpec spec = SourceSpec.csv(List.of(p.toString()), 2, Schemas.parse("id int not null, v double"), true)
        .withOnError(OnError.SKIP);
    long skipped = 0;
    List<Row> rows = new java.util.ArrayList<>();
    for (int shard = 0; shard < 2; shard++) {
      try (SourceStream stream = Sources.open(spec, shard, allocator, 2)) {
        int before = rows.size();
        rows.addAll(SourceRows.drain(stream, 2));
        skipped += stream.metrics().skippedRows();
        assertEquals(rows.size() - before, stream.metrics().rows());
      }
    }
    assertEquals(List.of(Row.of(1, 1.5), Row.of(5, 2.5), Row.of(6, 7.0), Row.of(8, 8.0)), rows);
    assertEquals(5, skipped);
  }

  @Test
  void tsvHasNoQuotingAndOptionalNullString() throws IOException {
    Path p = write("t.tsv", "name\tn\n\"quoted\"\t1\na,b\t\\N\n\t\n");
    SourceSpec spec = SourceSpec.tsv(List.of(p.toString()), 1, Schemas.parse("name string, n bigint"), true)
        .withNullString("\\N");
    assertEquals(List.of(Row.of("\"quoted\"", 1L), Row.of("a,b", null), Row.of("", null)),
        SourceRows.readAll(spec, allocator));
    Path bad = write("b.tsv", "x\t1\ny\t2\t3\n");
    GleamException e = csvError(SourceSpec.tsv(List.of(bad.toString()), 1, Schemas.parse("s string, n bigint"),
        false));
    assertEquals("TSV file " + bad + " line 2: expected 2 fields, found 3", e.getMessage());
  }

  @Test
  void blankLinesAreRowsOnlyForOneColumn() throws IOException {
    Path p = write("b.csv", "1,a\n\n2,b\r\n\r\n");
    assertEquals(List.of(Row.of(1L, "a"), Row.of(2L, "b")), csv(p, "i bigint, s string", false));
    Path q = write("one.csv", "a\n\nb\n");
    assertEquals(List.of(Row.of("a"), Row.of(""), Row.of("b")), csv(q, "s string", false));
    assertEquals(List.of(Row.of(1L), Row.of((Object) null), Row.of(2L)),
        csv(write("n.csv", "1\n\n2\n"), "i bigint", false));
  }

  @Test
  void gzipCsvWithQuotedNewlinesAndManyShards() throws IOException {
    StringBuilder sb = new StringBuilder("k,text\n");
    for (int i = 0; i < 1000; i++) {
      sb.append(i).append(",\"line one\nline two, ").append(i).append("\"\n");
    }
    Path p = dir.resolve("q.csv.gz");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    }
    Files.write(p, bytes.toByteArray());
    SourceSpec spec = SourceSpec.csv(List.of(p.toString()), 5, Schemas.parse("k int, text string"), true);
    List<Row> rows = SourceRows.readAll(spec, allocator, 100, 64);
    assertEquals(1000, rows.size());
    assertEquals(Row.of(999, "line one\nline two, 999"), rows.get(999));
  }

  @Test
  void errorInGzipNamesTheUncompressedLine() throws IOException {
    Path p = dir.resolve("e.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
      out.write("a,1\n\"b\nc\",2\nd,x\n".getBytes(StandardCharsets.UTF_8));
    }
    GleamException e = csvError(SourceSpec.csv(List.of(p.toString()), 1, Schemas.parse("s string, n int"), false));
    assertEquals("CSV file " + p + " line 4 column 'n': cannot parse 'x' as int", e.getMessage());
  }

  @Test
  void unsupportedColumnTypeIsInvalidFlow() throws IOException {
    Path p = write("l.csv", "1\n");
    SourceSpec spec = SourceSpec.csv(List.of(p.toString()), 1, new org.apache.arrow.vector.types.pojo.Schema(
        List.of(Schemas.listOf("xs", Schemas.field("x", Schemas.type("int", "int"))))), false);
    GleamException e = assertThrows(GleamException.class, () -> Sources.open(spec, 0, allocator));
    assertEquals(ErrorCode.INVALID_FLOW, e.code());
    assertTrue(e.getMessage().contains("'xs'"), e.getMessage());
  }

  @Test
  void longFieldsGrowTheBuffer() throws IOException {
    String big = "y".repeat(10_000);
    Path p = write("big.csv", "1,\"" + big + "\"\"" + big + "\"\n2," + big + "\n");
    List<Row> rows = SourceRows.readAll(SourceSpec.csv(List.of(p.toString()), 1,
        Schemas.parse("i int, s string"), false), allocator, 10, 16);
    assertEquals(big + "\"" + big, rows.get(0).get(1));
    assertEquals(big, rows.get(1).get(1));
  }
}
