package io.gleam.planner.rows;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.planner.Row;
import io.gleam.planner.Schemas;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.impl.UnionListWriter;
import org.apache.arrow.vector.types.pojo.ArrowType;

/**
 * Reads and writes single values of Arrow vectors as Java objects ({@link Row} values), for the row-wise paths:
 * user functions, printf, collect. Vectorized operators do not go through here.
 */
public final class ArrowValues {
  private ArrowValues() {}

  /** The value at {@code index} as a Java object, or null. */
  public static Object get(FieldVector vector, int index) {
    if (vector.isNull(index)) {
      return null;
    }
    if (vector instanceof VarCharVector v) {
      return new String(v.get(index), StandardCharsets.UTF_8);
    } else if (vector instanceof BigIntVector v) {
      return v.get(index);
    } else if (vector instanceof IntVector v) {
      return v.get(index);
    } else if (vector instanceof Float8Vector v) {
      return v.get(index);
    } else if (vector instanceof BitVector v) {
      return v.get(index) != 0;
    } else if (vector instanceof DateDayVector v) {
      return LocalDate.ofEpochDay(v.get(index));
    } else if (vector instanceof DecimalVector v) {
      return decimal(v, index);
    } else if (vector instanceof TimeStampMicroVector v) {
      long micros = v.get(index);
      return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
          (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC);
    } else if (vector instanceof ListVector v) {
      return v.getObject(index);
    }
    return vector.getObject(index);
  }

  /**
   * The decimal at {@code index}: straight from the two 64-bit halves when the unscaled value fits in a
   * {@code long} (every TPC-H amount does), without Arrow's byte-array and {@code BigInteger} round trip.
   */
  private static BigDecimal decimal(DecimalVector v, int index) {
    if (LITTLE_ENDIAN) {
      long offset = (long) index * DecimalVector.TYPE_WIDTH;
      long low = v.getDataBuffer().getLong(offset);
      long high = v.getDataBuffer().getLong(offset + 8);
      if (high == (low >> 63)) {
        return BigDecimal.valueOf(low, v.getScale());
      }
    }
    return v.getObject(index);
  }

  private static final boolean LITTLE_ENDIAN = java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.LITTLE_ENDIAN;

  /** Sets {@code value} (converted to the vector's type) at {@code index}; the caller sizes the vector. */
  public static void set(FieldVector vector, int index, Object value) {
    if (value == null) {
      vector.setNull(index);
      return;
    }
    try {
      if (vector instanceof VarCharVector v) {
        v.setSafe(index, value.toString().getBytes(StandardCharsets.UTF_8));
      } else if (vector instanceof BigIntVector v) {
        v.setSafe(index, toLong(value));
      } else if (vector instanceof IntVector v) {
        v.setSafe(index, Math.toIntExact(toLong(value)));
      } else if (vector instanceof Float8Vector v) {
        v.setSafe(index, value instanceof Number n ? n.doubleValue() : Double.parseDouble(value.toString()));
      } else if (vector instanceof BitVector v) {
        v.setSafe(index, toBoolean(value) ? 1 : 0);
      } else if (vector instanceof DateDayVector v) {
        v.setSafe(index, (int) (value instanceof LocalDate d ? d.toEpochDay()
            : LocalDate.parse(value.toString()).toEpochDay()));
      } else if (vector instanceof DecimalVector v) {
        BigDecimal d = value instanceof BigDecimal b ? b : new BigDecimal(value.toString());
        d = d.setScale(v.getScale(), RoundingMode.HALF_UP);
        if (d.precision() <= 18 && d.precision() <= v.getPrecision()) {
          v.setSafe(index, d.unscaledValue().longValue());  // no byte-array round trip
        } else {
          v.setSafe(index, d);
        }
      } else if (vector instanceof TimeStampMicroVector v) {
        LocalDateTime t = value instanceof LocalDateTime l ? l : LocalDateTime.parse(value.toString());
        v.setSafe(index, ChronoUnit.MICROS.between(LocalDateTime.of(1970, 1, 1, 0, 0), t));
      } else if (vector instanceof ListVector v) {
        setList(v, index, (List<?>) value);
      } else {
        throw new GleamException(ErrorCode.INTERNAL, "no Java conversion for " + vector.getField());
      }
    } catch (NumberFormatException | ClassCastException | ArithmeticException
             | java.time.format.DateTimeParseException e) {
      throw GleamException.user(ErrorCode.MALFORMED_INPUT, "column '%s' (%s): cannot take value '%s' (%s)",
          vector.getName(), Schemas.typeName(vector.getField().getType()), value,
          value.getClass().getSimpleName());
    }
  }

  private static void setList(ListVector v, int index, List<?> values) {
    UnionListWriter w = v.getWriter();
    w.setPosition(index);
    w.startList();
    FieldVector data = v.getDataVector();
    int start = v.getElementStartIndex(index);
    for (int i = 0; i < values.size(); i++) {
      set(data, start + i, values.get(i));
    }
    w.setValueCount(values.size());
    w.endList();
    data.setValueCount(Math.max(data.getValueCount(), start + values.size()));
  }

  public static long toLong(Object value) {
    if (value instanceof Long l) {
      return l;
    } else if (value instanceof Number n) {
      double d = n.doubleValue();
      if (n instanceof Double || n instanceof Float) {
        if (d != Math.rint(d)) {
          throw new NumberFormatException("not an integer: " + d);
        }
      }
      return n.longValue();
    }
    return Long.parseLong(value.toString().trim());
  }

  private static boolean toBoolean(Object value) {
    if (value instanceof Boolean b) {
      return b;
    }
    String s = value.toString().trim().toLowerCase();
    return switch (s) {
      case "true", "t", "1", "yes" -> true;
      case "false", "f", "0", "no" -> false;
      default -> throw new NumberFormatException("not a boolean: " + value);
    };
  }

  /** Row {@code index} of a batch as a {@link Row}. */
  public static Row row(VectorSchemaRoot root, int index) {
    List<FieldVector> vectors = root.getFieldVectors();
    Object[] values = new Object[vectors.size()];
    for (int c = 0; c < values.length; c++) {
      values[c] = get(vectors.get(c), index);
    }
    return Row.wrap(values);
  }

  /** All rows of a batch. */
  public static List<Row> rows(VectorSchemaRoot root) {
    List<Row> rows = new ArrayList<>(root.getRowCount());
    for (int i = 0; i < root.getRowCount(); i++) {
      rows.add(row(root, i));
    }
    return rows;
  }

  /** Writes {@code row} at {@code index}; the row must have one value per column. */
  public static void setRow(VectorSchemaRoot root, int index, Row row) {
    List<FieldVector> vectors = root.getFieldVectors();
    if (row.size() != vectors.size()) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "row %s has %d values, schema (%s) has %d columns",
          row, row.size(), Schemas.render(root.getSchema()), vectors.size());
    }
    for (int c = 0; c < vectors.size(); c++) {
      set(vectors.get(c), index, row.get(c));
    }
  }

  public static boolean isList(ArrowType type) {
    return type instanceof ArrowType.List;
  }
}
