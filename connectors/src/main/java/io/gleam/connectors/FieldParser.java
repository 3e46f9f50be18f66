package io.gleam.connectors;

import org.apache.arrow.memory.util.MemoryUtil;
import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.planner.Schemas;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * Converts the bytes of one CSV/TSV field straight into one column of a batch, without making a Java object on
 * the common path. One parser per column, bound to that column's vector for each new batch. The vector has room
 * for the whole batch, so parsers of fixed-width types write without capacity checks.
 */
abstract class FieldParser {
  /** Thrown, without a stack trace, when a field does not parse as the column's type. */
  static final Unparseable UNPARSEABLE = new Unparseable();

  private final String typeName;

  FieldParser(Field field) {
    this.typeName = Schemas.typeName(field.getType());
  }

  /** A parser for a column of this type; an unsupported type is an {@link ErrorCode#INVALID_FLOW}. */
  static FieldParser forField(Field field, String formatLabel) {
    ArrowType type = field.getType();
    if (type instanceof ArrowType.Utf8) {
      return new StringFieldParser(field);
    } else if (type instanceof ArrowType.Int i && i.getIsSigned() && (i.getBitWidth() == 64 || i.getBitWidth() == 32)) {
      return new IntegerFieldParser(field, i.getBitWidth());
    } else if (type instanceof ArrowType.FloatingPoint f && f.getPrecision() == FloatingPointPrecision.DOUBLE) {
      return new DoubleFieldParser(field);
    } else if (type instanceof ArrowType.Bool) {
      return new BooleanFieldParser(field);
    } else if (type instanceof ArrowType.Date d && d.getUnit() == DateUnit.DAY) {
      return new DateTimeFieldParser(field, false);
    } else if (type instanceof ArrowType.Timestamp t && t.getUnit() == TimeUnit.MICROSECOND && t.getTimezone() == null) {
      return new DateTimeFieldParser(field, true);
    } else if (type instanceof ArrowType.Decimal d && d.getBitWidth() == 128) {
      return new DecimalFieldParser(field, d.getPrecision(), d.getScale());
    }
    throw GleamException.user(ErrorCode.INVALID_FLOW, "%s column '%s' has type %s, which %s files cannot hold",
        formatLabel, field.getName(), Schemas.typeName(type), formatLabel);
  }

  /** The column's type as a schema declaration names it, e.g. {@code decimal(15,2)}. */
  final String typeName() {
    return typeName;
  }

  /** Whether the column is a string column: empty unquoted fields are empty strings, and bytes must be UTF-8. */
  boolean isString() {
    return false;
  }

  abstract void bind(FieldVector vector);

  /**
   * Writes the value of {@code b[from, to)} at {@code row}.
   *
   * @throws Unparseable when the text is not a value of the column's type
   */
  abstract void parse(byte[] b, int from, int to, int row);

  abstract void setNull(int row);

  /**
   * Whether the value written at {@code row} lies in {@code [low, high]} (see
   * {@link io.gleam.planner.spi.ColumnRange}); false for NULL. A parser whose values have no long form, or a value
   * too wide for one, answers true: the row is kept and the query's filter decides.
   */
  boolean within(int row, long low, long high) {
    return true;
  }

  /** Whether {@code row} is marked valid in the validity bitmap at address {@code validity}. */
  static boolean isValid(long validity, int row) {
    return (MemoryUtil.getByte(validity + (row >>> 3)) & (1 << (row & 7))) != 0;
  }

  /**
   * Marks {@code row} valid in the validity bitmap at address {@code validity}. Unchecked: the batch's vectors are
   * allocated with room for every row it can hold before a parser is bound to them, so a fixed-width parser writes
   * through addresses, skipping the bounds and reference-count checks of each {@code set}, which cost as much as the
   * parsing.
   */
  static void setValid(long validity, int row) {
    long at = validity + (row >>> 3);
    MemoryUtil.putByte(at, (byte) (MemoryUtil.getByte(at) | (1 << (row & 7))));
  }

  /** Marks {@code row} null in the validity bitmap at address {@code validity} (see {@link #setValid}). */
  static void setInvalid(long validity, int row) {
    long at = validity + (row >>> 3);
    MemoryUtil.putByte(at, (byte) (MemoryUtil.getByte(at) & ~(1 << (row & 7))));
  }

  static int trimStart(byte[] b, int from, int to) {
    int i = from;
    while (i < to && b[i] == ' ') {
      i++;
    }
    return i;
  }

  static int trimEnd(byte[] b, int from, int to) {
    int i = to;
    while (i > from && b[i - 1] == ' ') {
      i--;
    }
    return i;
  }

  /** A field that does not parse; carries no stack trace, since readers catch it at once. */
  static final class Unparseable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private Unparseable() {
      super("unparseable field", null, false, false);
    }
  }
}
