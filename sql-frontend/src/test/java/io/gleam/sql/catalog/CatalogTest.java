package io.gleam.sql.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gleam.connectors.tpch.TpchTables;
import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.planner.Schemas;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Table;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.ImmutableBitSet;
import org.junit.jupiter.api.Test;

/** {@link Catalog}: the tpch schema's scale factors and statistics, and the main schema's tables and views. */
class CatalogTest {
  private final Catalog catalog = new Catalog();

  private static GleamTable managed(long rows) {
    return GleamTable.managed(Schemas.parse("a bigint, b string"), rows);
  }

  private static GleamView view(String sql) {
    RelDataType rowType = new GleamTypeFactory().builder()
        .add("x", SqlTypeName.INTEGER).build();
    return new GleamView(sql, List.of("main"), rowType);
  }

  @Test
  void tpchTablesAtAnyScaleFactor() {
    GleamTable tiny = catalog.lookupTable(List.of("tpch", "tiny", "lineitem")).orElseThrow();
    assertEquals(new TpchTableSource("lineitem", 0.01), tiny.source());
    assertEquals(60_000, tiny.estimatedRowCount());
    assertEquals(1_500_000, catalog.lookupTable(List.of("tpch", "sf1", "orders")).orElseThrow().estimatedRowCount());
    assertEquals(20_000_000, catalog.lookupTable(List.of("tpch", "sf100", "part")).orElseThrow().estimatedRowCount());
    assertEquals(15_000, catalog.lookupTable(List.of("tpch", "sf0.1", "customer")).orElseThrow().estimatedRowCount());
    assertEquals(25, catalog.lookupTable(List.of("tpch", "sf1000", "nation")).orElseThrow().estimatedRowCount());
    assertEquals(Optional.empty(), catalog.lookup(List.of("tpch", "big", "lineitem")));
    assertEquals(Optional.empty(), catalog.lookup(List.of("tpch", "tiny", "lineitems")));
  }

  @Test
  void scaleFactorSchemasAreMadeOnceAndListed() {
    Table first = catalog.lookup(List.of("tpch", "sf3", "orders")).orElseThrow();
    assertSame(first, catalog.lookup(List.of("tpch", "sf3", "orders")).orElseThrow());
    assertEquals(TpchTables.names(), catalog.tableNames(List.of("tpch", "sf3")));
    assertEquals(Set.of(), catalog.tableNames(List.of("tpch", "nope")));
  }

  @Test
  void tpchStatisticsHaveRowCountsAndPrimaryKeys() {
    Statistic lineitem = catalog.lookupTable(List.of("tpch", "sf1", "lineitem")).orElseThrow().getStatistic();
    assertEquals(6_000_000, lineitem.getRowCount());
    assertTrue(lineitem.isKey(ImmutableBitSet.of(0, 3)));
    assertFalse(lineitem.isKey(ImmutableBitSet.of(0)));
    Statistic orders = catalog.lookupTable(List.of("tpch", "sf1", "orders")).orElseThrow().getStatistic();
    assertTrue(orders.isKey(ImmutableBitSet.of(0)));
    assertTrue(orders.isKey(ImmutableBitSet.of(0, 1)));
    Statistic partsupp = catalog.lookupTable(List.of("tpch", "tiny", "partsupp")).orElseThrow().getStatistic();
    assertTrue(partsupp.isKey(ImmutableBitSet.of(0, 1)));
    assertFalse(partsupp.isKey(ImmutableBitSet.of(0)));
  }

  @Test
  void createsLooksUpAndDropsTablesInMain() {
    GleamTable table = managed(10);
    assertTrue(catalog.createTable(List.of("t"), table, CreateMode.FAIL_IF_EXISTS));
    assertSame(table, catalog.lookup(List.of("t")).orElseThrow());
    assertSame(table, catalog.lookup(List.of("main", "t")).orElseThrow());
    assertEquals(Set.of("t"), catalog.tableNames(List.of("main")));

    GleamException taken = assertThrows(GleamException.class,
        () -> catalog.createTable(List.of("main", "t"), managed(1), CreateMode.FAIL_IF_EXISTS));
    assertEquals("table 'main.t' already exists", taken.getMessage());
    assertFalse(catalog.createTable(List.of("t"), managed(1), CreateMode.IGNORE_IF_EXISTS));
    assertSame(table, catalog.lookup(List.of("t")).orElseThrow());
    GleamTable replacement = managed(20);
    assertTrue(catalog.createTable(List.of("t"), replacement, CreateMode.REPLACE));
    assertSame(replacement, catalog.lookup(List.of("t")).orElseThrow());

    assertTrue(catalog.dropTable(List.of("t"), false));
    assertEquals(Optional.empty(), catalog.lookup(List.of("t")));
    assertFalse(catalog.dropTable(List.of("t"), true));
    GleamException missing = assertThrows(GleamException.class, () -> catalog.dropTable(List.of("t"), false));
    assertEquals("table 'main.t' does not exist", missing.getMessage());
    assertEquals(ErrorCode.INVALID_FLOW, missing.code());
  }

  @Test
  void tablesAndViewsShareNamesButNotKinds() {
    catalog.createView(List.of("v"), view("select 1 as x"), CreateMode.FAIL_IF_EXISTS);
    assertInstanceOf(GleamView.class, catalog.lookup(List.of("v")).orElseThrow());
    assertEquals(Optional.empty(), catalog.lookupTable(List.of("v")));
    GleamException dropView = assertThrows(GleamException.class, () -> catalog.dropTable(List.of("v"), false));
    assertEquals("'main.v' is a view, not a table", dropView.getMessage());
    GleamException replace = assertThrows(GleamException.class,
        () -> catalog.createTable(List.of("v"), managed(1), CreateMode.REPLACE));
    assertEquals("cannot create table 'main.v': a view has that name", replace.getMessage());
    assertTrue(catalog.dropView(List.of("v"), false));
  }

  @Test
  void onlyMainIsWritable() {
    GleamException e = assertThrows(GleamException.class,
        () -> catalog.createTable(List.of("tpch", "tiny", "x"), managed(1), CreateMode.FAIL_IF_EXISTS));
    assertEquals("cannot create or drop 'tpch.tiny.x': tables and views live in schema 'main'", e.getMessage());
    assertThrows(GleamException.class, () -> catalog.dropTable(List.of("tpch", "tiny", "lineitem"), true));
  }

  @Test
  void managedTableRowEstimate() {
    GleamTable table = managed(42);
    assertEquals(42, table.estimatedRowCount());
    assertEquals(7, table.withSource(new ManagedTableSource(7)).estimatedRowCount());
  }

  @Test
  void uniqueKeysMustNameColumns() {
    GleamException e = assertThrows(GleamException.class, () -> new GleamTable(Schemas.parse("a bigint"),
        new ManagedTableSource(1), List.of(List.of("b"))));
    assertEquals("unique key column 'b' is not a column of (a)", e.getMessage());
  }
}
