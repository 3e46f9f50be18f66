package io.gleam.connectors.tpch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchColumnType;
import io.trino.tpch.TpchTable;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class TpchTablesTest {
  @Test
  void namesAreTheEightTables() {
    assertEquals(List.of("nation", "region", "part", "supplier", "partsupp", "customer", "orders", "lineitem"),
        List.copyOf(TpchTables.names()));
  }

  @Test
  void schemasFollowTheGeneratorsColumns() {
    for (TpchTable<?> table : TpchTable.getTables()) {
      Schema schema = TpchTables.schema(table.getTableName());
      TableLayout<?> layout = TpchTables.layout(table.getTableName());
      assertEquals(table.getColumns().size(), schema.getFields().size(), table.getTableName());
      for (int c = 0; c < schema.getFields().size(); c++) {
        TpchColumn<?> column = table.getColumns().get(c);
        Field field = schema.getFields().get(c);
        String where = table.getTableName() + "." + column.getColumnName();
        assertEquals(column.getColumnName(), field.getName(), where);
        assertFalse(field.isNullable(), where);
        assertEquals(expectedType(column.getType()), field.getType(), where);
        long maxLength = column.getType().getBase() == TpchColumnType.Base.VARCHAR
            ? column.getType().getPrecision().orElseThrow() : 0;
        assertEquals(maxLength, layout.fields().get(c).maxLength(), where);
      }
    }
  }

  private static ArrowType expectedType(TpchColumnType type) {
    switch (type.getBase()) {
      case IDENTIFIER:
        return new ArrowType.Int(64, true);
      case INTEGER:
        return new ArrowType.Int(32, true);
      case DOUBLE:
        return new ArrowType.Decimal(15, 2, 128);
      case DATE:
        return new ArrowType.Date(DateUnit.DAY);
      case VARCHAR:
        return ArrowType.Utf8.INSTANCE;
    }
    throw new AssertionError("unknown TPC-H type " + type.getBase());
  }

  @Test
  void lineitemSchemaTypes() {
    Schema schema = TpchTables.schema("lineitem");
    assertEquals(new ArrowType.Int(64, true), schema.findField("l_orderkey").getType());
    assertEquals(new ArrowType.Int(32, true), schema.findField("l_linenumber").getType());
    assertEquals(new ArrowType.Decimal(15, 2, 128), schema.findField("l_quantity").getType());
    assertEquals(new ArrowType.Decimal(15, 2, 128), schema.findField("l_extendedprice").getType());
    assertEquals(new ArrowType.Date(DateUnit.DAY), schema.findField("l_shipdate").getType());
    assertEquals(ArrowType.Utf8.INSTANCE, schema.findField("l_comment").getType());
    assertEquals(TpchTables.schema("lineitem"), TpchTables.schema("LINEITEM"));
  }

  @Test
  void rowCounts() {
    Map<String, Long> tiny = Map.of("nation", 25L, "region", 5L, "part", 2_000L, "supplier", 100L,
        "partsupp", 8_000L, "customer", 1_500L, "orders", 15_000L, "lineitem", 60_000L);
    tiny.forEach((table, rows) -> assertEquals(rows, TpchTables.rowCount(table, 0.01), table));
    assertEquals(200_000L, TpchTables.rowCount("part", 1));
    assertEquals(6_000_000L, TpchTables.rowCount("lineitem", 1));
    assertEquals(150_000_000L, TpchTables.rowCount("orders", 100));
    assertEquals(25L, TpchTables.rowCount("nation", 1000));
    assertEquals(ErrorCode.INVALID_FLOW,
        assertThrows(GleamException.class, () -> TpchTables.rowCount("part", 0)).code());
  }

  @Test
  void unknownTable() {
    GleamException e = assertThrows(GleamException.class, () -> TpchTables.schema("lineitems"));
    assertEquals(ErrorCode.INVALID_FLOW, e.code());
    assertTrue(e.getMessage().contains("'lineitems'"), e.getMessage());
    assertTrue(e.getMessage().contains("lineitem"), e.getMessage());
  }

  @Test
  void scaleFactorOfSchemaNames() {
    assertEquals(0.01, TpchTables.scaleFactor("tiny"));
    assertEquals(0.01, TpchTables.scaleFactor("TINY"));
    assertEquals(1.0, TpchTables.scaleFactor("sf1"));
    assertEquals(10.0, TpchTables.scaleFactor("sf10"));
    assertEquals(100.0, TpchTables.scaleFactor("SF100"));
    assertEquals(0.1, TpchTables.scaleFactor("sf0.1"));
    assertEquals(0.01, TpchTables.scaleFactor("sf0.01"));
    assertEquals(0.5, TpchTables.scaleFactor("sf.5"));
    assertEquals(1000.0, TpchTables.scaleFactor("sf1000"));
  }

  @Test
  void badSchemaNames() {
    for (String name : List.of("", "default", "sf", "sf0", "sf0.0", "sf-1", "sf1e3", "sfNaN", "sf1.", "sf 1",
        "tiny1")) {
      GleamException e = assertThrows(GleamException.class, () -> TpchTables.scaleFactor(name), name);
      assertEquals(ErrorCode.INVALID_FLOW, e.code(), name);
      assertTrue(e.getMessage().contains("'" + name + "'"), e.getMessage());
    }
  }
}
