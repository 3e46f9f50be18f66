package io.gleam.jdbc;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.DatabaseMetaData;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.ColumnMetaData.Rep;

/**
 * Maps Arrow result columns to JDBC column metadata, and engine values to the values Avatica's accessors read:
 * DATE as days since the epoch, TIMESTAMP as milliseconds, TIME as milliseconds of the day, DECIMAL as a
 * {@link BigDecimal} with the column's scale. Types without a JDBC counterpart are shown as VARCHAR text.
 */
final class JdbcColumns {
  private JdbcColumns() {}

  /** The JDBC view of one Arrow column. */
  record JdbcType(int sqlType, String typeName, Rep rep, int precision, int scale, String className) {}

  static List<ColumnMetaData> columns(Schema schema) {
    List<ColumnMetaData> out = new ArrayList<>();
    List<Field> fields = schema.getFields();
    for (int i = 0; i < fields.size(); i++) {
      Field f = fields.get(i);
      JdbcType t = jdbcType(f.getType());
      out.add(new ColumnMetaData(i, false, true, true, false,
          f.isNullable() ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls,
          isSigned(t.sqlType()), displaySize(t), f.getName(), f.getName(), null, t.precision(), t.scale(), null,
          null, ColumnMetaData.scalar(t.sqlType(), t.typeName(), t.rep()), true, false, false, t.className()));
    }
    return out;
  }

  static JdbcType jdbcType(ArrowType type) {
    switch (type.getTypeID()) {
      case Int: {
        ArrowType.Int i = (ArrowType.Int) type;
        switch (i.getBitWidth()) {
          case 8:
            return new JdbcType(Types.TINYINT, "TINYINT", Rep.BYTE, 3, 0, Byte.class.getName());
          case 16:
            return new JdbcType(Types.SMALLINT, "SMALLINT", Rep.SHORT, 5, 0, Short.class.getName());
          case 32:
            return new JdbcType(Types.INTEGER, "INTEGER", Rep.INTEGER, 10, 0, Integer.class.getName());
          default:
            return new JdbcType(Types.BIGINT, "BIGINT", Rep.LONG, 19, 0, Long.class.getName());
        }
      }
      case FloatingPoint: {
        ArrowType.FloatingPoint fp = (ArrowType.FloatingPoint) type;
        if (fp.getPrecision() == org.apache.arrow.vector.types.FloatingPointPrecision.DOUBLE) {
          return new JdbcType(Types.DOUBLE, "DOUBLE", Rep.DOUBLE, 15, 0, Double.class.getName());
        }
        return new JdbcType(Types.REAL, "REAL", Rep.FLOAT, 7, 0, Float.class.getName());
      }
      case Decimal: {
        ArrowType.Decimal d = (ArrowType.Decimal) type;
        return new JdbcType(Types.DECIMAL, "DECIMAL", Rep.NUMBER, d.getPrecision(), d.getScale(),
            BigDecimal.class.getName());
      }
      case Bool:
        return new JdbcType(Types.BOOLEAN, "BOOLEAN", Rep.BOOLEAN, 1, 0, Boolean.class.getName());
      case Date:
        return new JdbcType(Types.DATE, "DATE", Rep.INTEGER, 10, 0, java.sql.Date.class.getName());
      case Timestamp:
        return new JdbcType(Types.TIMESTAMP, "TIMESTAMP", Rep.LONG, 23, 3, java.sql.Timestamp.class.getName());
      case Time:
        return new JdbcType(Types.TIME, "TIME", Rep.INTEGER, 12, 3, java.sql.Time.class.getName());
      default:
        return new JdbcType(Types.VARCHAR, "VARCHAR", Rep.STRING, Integer.MAX_VALUE, 0, String.class.getName());
    }
  }

  /** Converts one row of engine values to the values the column accessors read. */
  static Object[] toJdbcRow(Object[] values, List<Field> fields) {
    Object[] out = new Object[fields.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = toJdbc(i < values.length ? values[i] : null, fields.get(i).getType());
    }
    return out;
  }

  static Object toJdbc(Object value, ArrowType type) {
    if (value == null) {
      return null;
    }
    switch (type.getTypeID()) {
      case Int: {
        Number n = (Number) value;
        switch (((ArrowType.Int) type).getBitWidth()) {
          case 8:
            return n.byteValue();
          case 16:
            return n.shortValue();
          case 32:
            return n.intValue();
          default:
            return n.longValue();
        }
      }
      case FloatingPoint:
        return ((ArrowType.FloatingPoint) type).getPrecision()
            == org.apache.arrow.vector.types.FloatingPointPrecision.DOUBLE
            ? (Object) ((Number) value).doubleValue() : (Object) ((Number) value).floatValue();
      case Decimal: {
        BigDecimal d = value instanceof BigDecimal b ? b : new BigDecimal(value.toString());
        return d.setScale(((ArrowType.Decimal) type).getScale(), RoundingMode.HALF_UP);
      }
      case Bool:
        return value instanceof Boolean ? value : Boolean.valueOf(value.toString());
      case Date:
        if (value instanceof LocalDate d) {
          return (int) d.toEpochDay();
        }
        return ((Number) value).intValue();
      case Timestamp:
        return timestampMillis(value, (ArrowType.Timestamp) type);
      case Time:
        if (value instanceof LocalTime t) {
          return (int) (t.toNanoOfDay() / 1_000_000);
        }
        return ((Number) value).intValue();
      default:
        return value.toString();
    }
  }

  private static long timestampMillis(Object value, ArrowType.Timestamp type) {
    if (value instanceof LocalDateTime t) {
      return t.toInstant(ZoneOffset.UTC).toEpochMilli();
    }
    if (value instanceof Instant t) {
      return t.toEpochMilli();
    }
    if (value instanceof java.util.Date d) {
      return d.getTime();
    }
    long v = ((Number) value).longValue();
    switch (type.getUnit()) {
      case SECOND:
        return TimeUnit.SECONDS.toMillis(v);
      case MICROSECOND:
        return Math.floorDiv(v, 1000L);
      case NANOSECOND:
        return Math.floorDiv(v, 1_000_000L);
      case MILLISECOND:
        return v;
    }
    throw new IllegalArgumentException("unknown timestamp unit " + type.getUnit());
  }

  private static boolean isSigned(int sqlType) {
    switch (sqlType) {
      case Types.TINYINT:
      case Types.SMALLINT:
      case Types.INTEGER:
      case Types.BIGINT:
      case Types.REAL:
      case Types.DOUBLE:
      case Types.DECIMAL:
        return true;
      default:
        return false;
    }
  }

  private static int displaySize(JdbcType t) {
    switch (t.sqlType()) {
      case Types.VARCHAR:
        return 64;
      case Types.DECIMAL:
        return t.precision() + 2;
      case Types.DOUBLE:
        return 24;
      case Types.BIGINT:
        return 20;
      default:
        return t.precision() + 1;
    }
  }
}
