package io.gleam.sql.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gleam.connectors.tpch.TpchTables;
import io.gleam.planner.GleamException;
import io.gleam.planner.Schemas;

import java.util.List;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.IntervalUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.junit.jupiter.api.Test;

/** {@link TypeMapping} converts Arrow schemas to Calcite row types and back. */
class TypeMappingTest {
  private final RelDataTypeFactory typeFactory = new GleamTypeFactory();

  @Test
  void tpchLineitem() {
    RelDataType rowType = TypeMapping.toRowType(typeFactory, TpchTables.schema("lineitem"));
    assertEquals("RecordType(BIGINT NOT NULL l_orderkey, BIGINT NOT NULL l_partkey, BIGINT NOT NULL l_suppkey, "
        + "INTEGER NOT NULL l_linenumber, DECIMAL(15, 2) NOT NULL l_quantity, "
        + "DECIMAL(15, 2) NOT NULL l_extendedprice, DECIMAL(15, 2) NOT NULL l_discount, "
        + "DECIMAL(15, 2) NOT NULL l_tax, VARCHAR CHARACTER SET \"UTF-8\" NOT NULL l_returnflag, "
        + "VARCHAR CHARACTER SET \"UTF-8\" NOT NULL l_linestatus, DATE NOT NULL l_shipdate, "
        + "DATE NOT NULL l_commitdate, DATE NOT NULL l_receiptdate, "
        + "VARCHAR CHARACTER SET \"UTF-8\" NOT NULL l_shipinstruct, "
        + "VARCHAR CHARACTER SET \"UTF-8\" NOT NULL l_shipmode, VARCHAR CHARACTER SET \"UTF-8\" NOT NULL l_comment) NOT NULL",
        rowType.getFullTypeString());
  }

  @Test
  void roundTripsScalarTypes() {
    Schema schema = new Schema(List.of(
        Schemas.field("b", ArrowType.Bool.INSTANCE),
        Schemas.field("i8", new ArrowType.Int(8, true)),
        Schemas.field("i16", new ArrowType.Int(16, true)),
        Schemas.field("i32", new ArrowType.Int(32, true), false),
        Schemas.field("i64", new ArrowType.Int(64, true)),
        Schemas.field("f32", new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)),
        Schemas.field("f64", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE)),
        Schemas.field("dec", new ArrowType.Decimal(38, 10, 128)),
        Schemas.field("s", ArrowType.Utf8.INSTANCE),
        Schemas.field("bin", ArrowType.Binary.INSTANCE),
        Schemas.field("fixed", new ArrowType.FixedSizeBinary(16)),
        Schemas.field("d", new ArrowType.Date(DateUnit.DAY)),
        Schemas.field("t", new ArrowType.Time(TimeUnit.MILLISECOND, 32)),
        Schemas.field("ts_us", new ArrowType.Timestamp(TimeUnit.MICROSECOND, null)),
        Schemas.field("ts_ns", new ArrowType.Timestamp(TimeUnit.NANOSECOND, null)),
        Schemas.field("ts_utc", new ArrowType.Timestamp(TimeUnit.MILLISECOND, "UTC")),
        Schemas.field("ym", new ArrowType.Interval(IntervalUnit.YEAR_MONTH)),
        Schemas.field("dt", new ArrowType.Interval(IntervalUnit.DAY_TIME))));
    RelDataType rowType = TypeMapping.toRowType(typeFactory, schema);
    assertEquals("RecordType(BOOLEAN b, TINYINT i8, SMALLINT i16, INTEGER NOT NULL i32, BIGINT i64, REAL f32, "
        + "DOUBLE f64, DECIMAL(38, 10) dec, VARCHAR CHARACTER SET \"UTF-8\" s, VARBINARY bin, BINARY(16) fixed, "
        + "DATE d, TIME(3) t, TIMESTAMP(6) ts_us, TIMESTAMP(9) ts_ns, TIMESTAMP_WITH_LOCAL_TIME_ZONE(3) ts_utc, "
        + "INTERVAL YEAR TO MONTH ym, INTERVAL DAY TO SECOND dt) NOT NULL", rowType.getFullTypeString());
    assertEquals(schema, TypeMapping.toArrowSchema(rowType));
  }

  @Test
  void unsignedIntegersWiden() {
    Schema schema = new Schema(List.of(
        Schemas.field("u8", new ArrowType.Int(8, false)),
        Schemas.field("u32", new ArrowType.Int(32, false)),
        Schemas.field("u64", new ArrowType.Int(64, false))));
    assertEquals("RecordType(SMALLINT u8, BIGINT u32, DECIMAL(20, 0) u64) NOT NULL",
        TypeMapping.toRowType(typeFactory, schema).getFullTypeString());
  }

  @Test
  void nestedTypes() {
    Field item = new Field("item", FieldType.nullable(new ArrowType.Int(64, true)), null);
    Field list = new Field("tags", FieldType.nullable(ArrowType.List.INSTANCE), List.of(item));
    Field struct = new Field("point", FieldType.notNullable(ArrowType.Struct.INSTANCE), List.of(
        Schemas.field("x", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE), false),
        Schemas.field("y", new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE), false)));
    Schema schema = new Schema(List.of(list, struct));
    RelDataType rowType = TypeMapping.toRowType(typeFactory, schema);
    assertEquals("RecordType(BIGINT ARRAY tags, RecordType(DOUBLE NOT NULL x, DOUBLE NOT NULL y) NOT NULL point) "
        + "NOT NULL", rowType.getFullTypeString());
    assertEquals(schema, TypeMapping.toArrowSchema(rowType));
  }

  @Test
  void fieldsOfANullableStructAreNullable() {
    Field struct = new Field("point", FieldType.nullable(ArrowType.Struct.INSTANCE), List.of(
        Schemas.field("x", new ArrowType.Int(32, true), false)));
    RelDataType rowType = TypeMapping.toRowType(typeFactory, new Schema(List.of(struct)));
    assertEquals("RecordType(RecordType(INTEGER x) point) NOT NULL", rowType.getFullTypeString());
  }

  @Test
  void decimalTooWideFailsNamingTheColumn() {
    Schema schema = new Schema(List.of(Schemas.field("big", new ArrowType.Decimal(60, 2, 256))));
    GleamException e = assertThrows(GleamException.class, () -> TypeMapping.toRowType(typeFactory, schema));
    assertEquals("column 'big': DECIMAL(60, 2) is wider than the largest supported precision, 38", e.getMessage());
  }

  @Test
  void typeWithoutSqlEquivalentFailsNamingTheColumn() {
    Schema schema = new Schema(List.of(Schemas.field("d", new ArrowType.Duration(TimeUnit.SECOND))));
    GleamException e = assertThrows(GleamException.class, () -> TypeMapping.toRowType(typeFactory, schema));
    assertEquals("column 'd': Arrow type Duration(SECOND) has no SQL type", e.getMessage());
  }
}
