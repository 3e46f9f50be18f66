package io.gleam.sql.catalog;

import static java.util.Objects.requireNonNull;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.IntervalUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.SqlCollation;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Converts between Arrow schemas and Calcite row types, in both directions.
 *
 * <p>Arrow to SQL: signed integers of 8, 16, 32 and 64 bits are TINYINT, SMALLINT, INTEGER and BIGINT; unsigned ones
 * take the next wider signed type (a 64-bit unsigned integer is DECIMAL(20, 0)); floating point is REAL (half and
 * single precision) or DOUBLE; Decimal(p, s) is DECIMAL(p, s); Utf8 and LargeUtf8 are VARCHAR in the type factory's
 * default character set; Binary and LargeBinary are VARBINARY, FixedSizeBinary(n) is BINARY(n); Bool is BOOLEAN;
 * Date is DATE; Time and Timestamp keep their unit as a fractional-seconds precision (0, 3, 6 or 9, capped by the
 * type system); a Timestamp with a time zone is TIMESTAMP WITH LOCAL TIME ZONE; Interval(YEAR_MONTH) is INTERVAL
 * YEAR TO MONTH and Interval(DAY_TIME) INTERVAL DAY TO SECOND; List is ARRAY, Struct is ROW, Map is MAP; Null is
 * NULL. A field's nullability becomes the type's; as Calcite has it, the fields of a nullable ROW are all nullable.
 * Other Arrow types fail with {@link ErrorCode#INVALID_FLOW}.
 *
 * <p>SQL to Arrow is the inverse, where one exists: CHAR and VARCHAR are Utf8, FLOAT and DOUBLE are 64-bit floating
 * point, REAL is 32-bit, DECIMAL of precision up to 38 is a 128-bit Decimal and wider is 256-bit.
 */
public final class TypeMapping {
  private TypeMapping() {}

  /** The row type of an Arrow schema, with the same field names in the same order. */
  public static RelDataType toRowType(RelDataTypeFactory typeFactory, Schema schema) {
    requireNonNull(typeFactory, "typeFactory is null");
    requireNonNull(schema, "schema is null");
    RelDataTypeFactory.Builder builder = typeFactory.builder();
    for (Field field : schema.getFields()) {
      builder.add(field.getName(), toRelType(typeFactory, field));
    }
    return builder.build();
  }

  /** The SQL type of one Arrow field, nullable if the field is. */
  public static RelDataType toRelType(RelDataTypeFactory typeFactory, Field field) {
    requireNonNull(typeFactory, "typeFactory is null");
    requireNonNull(field, "field is null");
    RelDataType type = notNullType(typeFactory, field);
    return typeFactory.createTypeWithNullability(type, field.isNullable());
  }

  /** The Arrow schema of a row type, with the same field names in the same order. */
  public static Schema toArrowSchema(RelDataType rowType) {
    requireNonNull(rowType, "rowType is null");
    if (!rowType.isStruct()) {
      throw new IllegalArgumentException("not a row type: " + rowType.getFullTypeString());
    }
    List<Field> fields = new ArrayList<>();
    for (RelDataTypeField field : rowType.getFieldList()) {
      fields.add(toArrowField(field.getName(), field.getType()));
    }
    return new Schema(fields);
  }

  /** The Arrow field for a column {@code name} of SQL type {@code type}, nullable if the type is. */
  public static Field toArrowField(String name, RelDataType type) {
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
    FieldType fieldType = new FieldType(type.isNullable(), arrowType(name, type), null);
    return new Field(name, fieldType, children(type));
  }

  private static RelDataType notNullType(RelDataTypeFactory f, Field field) {
    ArrowType type = field.getType();
    switch (type.getTypeID()) {
      case Int:
        return integer(f, (ArrowType.Int) type);
      case FloatingPoint:
        return ((ArrowType.FloatingPoint) type).getPrecision() == FloatingPointPrecision.DOUBLE
            ? f.createSqlType(SqlTypeName.DOUBLE)
            : f.createSqlType(SqlTypeName.REAL);
      case Decimal:
        ArrowType.Decimal decimal = (ArrowType.Decimal) type;
        return decimal(f, field, decimal.getPrecision(), decimal.getScale());
      case Utf8:
      case LargeUtf8:
      case Utf8View:
        return varchar(f);
      case Binary:
      case LargeBinary:
      case BinaryView:
        return f.createSqlType(SqlTypeName.VARBINARY);
      case FixedSizeBinary:
        return f.createSqlType(SqlTypeName.BINARY, ((ArrowType.FixedSizeBinary) type).getByteWidth());
      case Bool:
        return f.createSqlType(SqlTypeName.BOOLEAN);
      case Date:
        return f.createSqlType(SqlTypeName.DATE);
      case Time:
        return withPrecision(f, SqlTypeName.TIME, ((ArrowType.Time) type).getUnit());
      case Timestamp:
        ArrowType.Timestamp timestamp = (ArrowType.Timestamp) type;
        return withPrecision(f, timestamp.getTimezone() == null
            ? SqlTypeName.TIMESTAMP : SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE, timestamp.getUnit());
      case Interval:
        return ((ArrowType.Interval) type).getUnit() == IntervalUnit.YEAR_MONTH
            ? interval(f, TimeUnitRange.YEAR_TO_MONTH)
            : interval(f, TimeUnitRange.DAY_TO_SECOND);
      case List:
      case LargeList:
      case FixedSizeList:
        return f.createArrayType(toRelType(f, onlyChild(field)), -1);
      case Struct:
        RelDataTypeFactory.Builder struct = f.builder();
        for (Field child : field.getChildren()) {
          struct.add(child.getName(), toRelType(f, child));
        }
        return struct.build();
      case Map:
        Field entries = onlyChild(field);
        if (entries.getChildren().size() != 2) {
          throw unsupported(field);
        }
        return f.createMapType(toRelType(f, entries.getChildren().get(0)),
            toRelType(f, entries.getChildren().get(1)));
      case Null:
        return f.createSqlType(SqlTypeName.NULL);
      default:
        throw unsupported(field);
    }
  }

  private static RelDataType integer(RelDataTypeFactory f, ArrowType.Int type) {
    int bits = type.getBitWidth() + (type.getIsSigned() ? 0 : 1);
    if (bits <= 8) {
      return f.createSqlType(SqlTypeName.TINYINT);
    } else if (bits <= 16) {
      return f.createSqlType(SqlTypeName.SMALLINT);
    } else if (bits <= 32) {
      return f.createSqlType(SqlTypeName.INTEGER);
    } else if (bits <= 64) {
      return f.createSqlType(SqlTypeName.BIGINT);
    }
    return f.createSqlType(SqlTypeName.DECIMAL, 20, 0);
  }

  private static RelDataType decimal(RelDataTypeFactory f, Field field, int precision, int scale) {
    int maxPrecision = f.getTypeSystem().getMaxPrecision(SqlTypeName.DECIMAL);
    if (precision > maxPrecision) {
      throw GleamException.user(ErrorCode.INVALID_FLOW,
          "column '%s': DECIMAL(%d, %d) is wider than the largest supported precision, %d",
          field.getName(), precision, scale, maxPrecision);
    }
    return f.createSqlType(SqlTypeName.DECIMAL, precision, scale);
  }

  private static RelDataType varchar(RelDataTypeFactory f) {
    return f.createTypeWithCharsetAndCollation(f.createSqlType(SqlTypeName.VARCHAR), f.getDefaultCharset(),
        SqlCollation.IMPLICIT);
  }

  private static RelDataType withPrecision(RelDataTypeFactory f, SqlTypeName typeName, TimeUnit unit) {
    int precision = Math.min(fractionalDigits(unit), f.getTypeSystem().getMaxPrecision(typeName));
    return f.createSqlType(typeName, precision);
  }

  private static RelDataType interval(RelDataTypeFactory f, TimeUnitRange range) {
    return f.createSqlIntervalType(new SqlIntervalQualifier(range.startUnit, range.endUnit, SqlParserPos.ZERO));
  }

  private static int fractionalDigits(TimeUnit unit) {
    switch (unit) {
      case SECOND:
        return 0;
      case MILLISECOND:
        return 3;
      case MICROSECOND:
        return 6;
      case NANOSECOND:
        return 9;
    }
    throw new AssertionError(unit);
  }

  private static TimeUnit timeUnit(int precision) {
    if (precision <= 0) {
      return TimeUnit.SECOND;
    } else if (precision <= 3) {
      return TimeUnit.MILLISECOND;
    } else if (precision <= 6) {
      return TimeUnit.MICROSECOND;
    }
    return TimeUnit.NANOSECOND;
  }

  private static Field onlyChild(Field field) {
    if (field.getChildren().size() != 1) {
      throw unsupported(field);
    }
    return field.getChildren().get(0);
  }

  private static GleamException unsupported(Field field) {
    return GleamException.user(ErrorCode.INVALID_FLOW, "column '%s': Arrow type %s has no SQL type",
        field.getName(), field.getType());
  }

  private static ArrowType arrowType(String name, RelDataType type) {
    SqlTypeName typeName = type.getSqlTypeName();
    switch (typeName) {
      case BOOLEAN:
        return ArrowType.Bool.INSTANCE;
      case TINYINT:
        return new ArrowType.Int(8, true);
      case SMALLINT:
        return new ArrowType.Int(16, true);
      case INTEGER:
        return new ArrowType.Int(32, true);
      case BIGINT:
        return new ArrowType.Int(64, true);
      case DECIMAL:
        return new ArrowType.Decimal(type.getPrecision(), type.getScale(), type.getPrecision() <= 38 ? 128 : 256);
      case REAL:
        return new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
      case FLOAT:
      case DOUBLE:
        return new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
      case CHAR:
      case VARCHAR:
        return ArrowType.Utf8.INSTANCE;
      case BINARY:
        return new ArrowType.FixedSizeBinary(type.getPrecision());
      case VARBINARY:
        return ArrowType.Binary.INSTANCE;
      case DATE:
        return new ArrowType.Date(DateUnit.DAY);
      case TIME:
        TimeUnit timeUnit = timeUnit(type.getPrecision());
        int bits = timeUnit == TimeUnit.SECOND || timeUnit == TimeUnit.MILLISECOND ? 32 : 64;
        return new ArrowType.Time(timeUnit, bits);
      case TIMESTAMP:
        return new ArrowType.Timestamp(timeUnit(type.getPrecision()), null);
      case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
        return new ArrowType.Timestamp(timeUnit(type.getPrecision()), "UTC");
      case INTERVAL_YEAR:
      case INTERVAL_YEAR_MONTH:
      case INTERVAL_MONTH:
        return new ArrowType.Interval(IntervalUnit.YEAR_MONTH);
      case INTERVAL_DAY:
      case INTERVAL_DAY_HOUR:
      case INTERVAL_DAY_MINUTE:
      case INTERVAL_DAY_SECOND:
      case INTERVAL_HOUR:
      case INTERVAL_HOUR_MINUTE:
      case INTERVAL_HOUR_SECOND:
      case INTERVAL_MINUTE:
      case INTERVAL_MINUTE_SECOND:
      case INTERVAL_SECOND:
        return new ArrowType.Interval(IntervalUnit.DAY_TIME);
      case ARRAY:
        return ArrowType.List.INSTANCE;
      case ROW:
        return ArrowType.Struct.INSTANCE;
      case MAP:
        return new ArrowType.Map(false);
      case NULL:
        return ArrowType.Null.INSTANCE;
      default:
        throw GleamException.user(ErrorCode.INVALID_FLOW, "column '%s': SQL type %s has no Arrow type",
            name, type.getFullTypeString());
    }
  }

  private static List<Field> children(RelDataType type) {
    switch (type.getSqlTypeName()) {
      case ARRAY:
        return List.of(toArrowField("item", requireNonNull(type.getComponentType(), "component type")));
      case ROW:
        return toArrowSchema(type).getFields();
      case MAP:
        Field key = toArrowField("key", requireNonNull(type.getKeyType(), "key type"));
        Field value = toArrowField("value", requireNonNull(type.getValueType(), "value type"));
        Field keyNotNull = new Field("key", new FieldType(false, key.getType(), null), key.getChildren());
        return List.of(new Field("entries", FieldType.notNullable(ArrowType.Struct.INSTANCE),
            List.of(keyNotNull, value)));
      default:
        return List.of();
    }
  }
}
