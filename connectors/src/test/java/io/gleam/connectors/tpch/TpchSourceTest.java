package io.gleam.connectors.tpch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.planner.Row;
import io.gleam.planner.spi.BatchStream;
import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TpchSourceTest {
  private static final double TINY = 0.01;
  private static final Map<String, Integer> TINY_ROWS = Map.of("nation", 25, "region", 5, "part", 2_000,
      "supplier", 100, "partsupp", 8_000, "customer", 1_500, "orders", 15_000, "lineitem", 60_175);

  private final BufferAllocator allocator = new RootAllocator();

  @AfterEach
  void closeAllocator() {
    allocator.close();
  }

  @Test
  void rowCountsAtScaleFactorOneHundredth() {
    for (String table : TpchTables.names()) {
      assertEquals(TINY_ROWS.get(table), TpchRows.readAll(table, TINY, 1, allocator, 4096).size(), table);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"nation", "region", "part", "supplier", "partsupp", "customer", "orders", "lineitem"})
  void shardsTogetherGiveTheRowsOfOneShard(String table) {
    List<Row> whole = TpchRows.readAll(table, TINY, 1, allocator, 1000);
    for (int shardCount : new int[] {3, 4, 7}) {
      assertEquals(whole, TpchRows.readAll(table, TINY, shardCount, allocator, 1000), table + " in " + shardCount);
    }
  }

  @Test
  void everyShardOfAScaledTableHasRows() {
    for (int shard = 0; shard < 4; shard++) {
      int rows = TpchRows.readShard("orders", TINY, shard, 4, allocator, 8192).size();
      assertEquals(15_000 / 4, rows, "orders shard " + shard);
      assertTrue(TpchRows.readShard("lineitem", TINY, shard, 4, allocator, 8192).size() > 14_000);
    }
  }

  @Test
  void nationAndRegionAreAllInShardZero() {
    assertEquals(25, TpchRows.readShard("nation", TINY, 0, 3, allocator, 8192).size());
    assertEquals(0, TpchRows.readShard("nation", TINY, 1, 3, allocator, 8192).size());
    assertEquals(0, TpchRows.readShard("region", TINY, 2, 3, allocator, 8192).size());
  }

  @Test
  void batchesHoldAtMostBatchRows() {
    List<Integer> sizes = new ArrayList<>();
    try (BatchStream stream = TpchSource.open("orders", TINY, 0, 1, allocator, 4000)) {
      for (Optional<VectorSchemaRoot> b = stream.next(); b.isPresent(); b = stream.next()) {
        try (VectorSchemaRoot batch = b.get()) {
          sizes.add(batch.getRowCount());
        }
      }
      assertTrue(stream.next().isEmpty());
    }
    assertEquals(List.of(4000, 4000, 4000, 3000), sizes);
  }

  @Test
  void firstRowsByHand() {
    List<Row> nations = TpchRows.readAll("nation", TINY, 1, allocator, 8192);
    assertEquals(List.of(0L, "ALGERIA", 0L), nations.get(0).asList().subList(0, 3));
    assertEquals(List.of(24L, "UNITED STATES", 1L), nations.get(24).asList().subList(0, 3));
    List<Row> regions = TpchRows.readAll("region", TINY, 1, allocator, 8192);
    assertEquals(List.of(0L, "AFRICA"), regions.get(0).asList().subList(0, 2));
    assertEquals(List.of(4L, "MIDDLE EAST"), regions.get(4).asList().subList(0, 2));

    Row line = TpchRows.readShard("lineitem", TINY, 0, 4, allocator, 8192).get(0);
    assertEquals(Row.of(1L, 1552L, 93L, 1, new BigDecimal("17.00"), new BigDecimal("24710.35"),
        new BigDecimal("0.04"), new BigDecimal("0.02"), "N", "O", LocalDate.of(1996, 3, 13),
        LocalDate.of(1996, 2, 12), LocalDate.of(1996, 3, 22), "DELIVER IN PERSON", "TRUCK",
        "egular courts above the"), line);

    Row order = TpchRows.readShard("orders", TINY, 0, 1, allocator, 8192).get(0);
    assertEquals(Row.of(1L, 370L, "O", new BigDecimal("172799.49"), LocalDate.of(1996, 1, 2), "5-LOW",
        "Clerk#000000951", 0, "nstructions sleep furiously among "), order);
  }

  @Test
  void decimalsHaveScaleTwoAndDatesAreDays() {
    try (BatchStream stream = TpchSource.open("lineitem", TINY, 0, 1, allocator, 100)) {
      try (VectorSchemaRoot batch = stream.next().orElseThrow()) {
        DecimalVector price = (DecimalVector) batch.getVector("l_extendedprice");
        assertEquals(15, price.getPrecision());
        assertEquals(2, price.getScale());
        assertEquals(new BigDecimal("24710.35"), price.getObject(0));
        assertEquals(2, ((DecimalVector) batch.getVector("l_quantity")).getObject(0).scale());
        DateDayVector ship = (DateDayVector) batch.getVector("l_shipdate");
        assertEquals(LocalDate.of(1996, 3, 13).toEpochDay(), ship.get(0));
        for (int i = 0; i < batch.getRowCount(); i++) {
          LocalDate date = LocalDate.ofEpochDay(ship.get(i));
          assertTrue(date.getYear() >= 1992 && date.getYear() <= 1998, date.toString());
        }
      }
    }
  }

  /** Every value of every table, against the generator's own column accessors (doubles, not cents). */
  @Test
  void valuesMatchTheGeneratorsColumns() {
    for (TpchTable<?> table : TpchTable.getTables()) {
      compareWithGenerator(table, 1, 3);
    }
  }

  private <E extends TpchEntity> void compareWithGenerator(TpchTable<E> table, int shard, int shardCount) {
    String name = table.getTableName();
    boolean fixed = name.equals("nation") || name.equals("region");
    List<Row> actual = TpchRows.readShard(name, TINY, fixed ? 0 : shard, shardCount, allocator, 777);
    Iterator<E> expected = (fixed ? table.createGenerator(TINY, 1, 1)
        : table.createGenerator(TINY, shard + 1, shardCount)).iterator();
    List<TpchColumn<E>> columns = table.getColumns();
    int r = 0;
    for (; expected.hasNext(); r++) {
      E row = expected.next();
      assertTrue(r < actual.size(), name + ": Arrow output ends at row " + r);
      for (int c = 0; c < columns.size(); c++) {
        TpchColumn<E> column = columns.get(c);
        assertEquals(expectedValue(column, row), actual.get(r).get(c),
            name + " row " + r + " " + column.getColumnName());
      }
    }
    assertEquals(r, actual.size(), name);
    assertTrue(r > 0, name);
  }

  private static <E extends TpchEntity> Object expectedValue(TpchColumn<E> column, E row) {
    switch (column.getType().getBase()) {
      case IDENTIFIER:
        return column.getIdentifier(row);
      case INTEGER:
        return column.getInteger(row);
      case DATE:
        return LocalDate.ofEpochDay(column.getDate(row));
      case DOUBLE:
        return BigDecimal.valueOf(column.getDouble(row)).setScale(2, RoundingMode.HALF_UP);
      case VARCHAR:
        return column.getString(row);
    }
    throw new AssertionError("unknown TPC-H type " + column.getType().getBase());
  }

  @Test
  void badArguments() {
    assertInvalid(() -> TpchSource.open("lineitems", TINY, 0, 1, allocator, 100), "'lineitems'");
    assertInvalid(() -> TpchSource.open("lineitem", 0, 0, 1, allocator, 100), "scale factor");
    assertInvalid(() -> TpchSource.open("lineitem", Double.NaN, 0, 1, allocator, 100), "scale factor");
    assertInvalid(() -> TpchSource.open("lineitem", TINY, 0, 0, allocator, 100), "shard count");
    assertInvalid(() -> TpchSource.open("lineitem", TINY, 3, 3, allocator, 100), "shard 3");
    assertInvalid(() -> TpchSource.open("lineitem", TINY, -1, 3, allocator, 100), "shard -1");
    assertInvalid(() -> TpchSource.open("lineitem", TINY, 0, 1, allocator, 0), "batch rows");
  }

  private static void assertInvalid(Runnable open, String expected) {
    GleamException e = assertThrows(GleamException.class, open::run);
    assertEquals(ErrorCode.INVALID_FLOW, e.code());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void batchTooBigForTheAllocatorFailsWithoutLeaking() {
    try (BufferAllocator small = allocator.newChildAllocator("small", 0, 64 * 1024);
        BatchStream stream = TpchSource.open("lineitem", TINY, 0, 1, small, 8192)) {
      GleamException e = assertThrows(GleamException.class, stream::next);
      assertEquals(ErrorCode.EXCEEDED_MEMORY, e.code());
      assertTrue(e.getMessage().contains("lineitem"), e.getMessage());
      assertEquals(0, small.getAllocatedMemory());
    }
  }
}
