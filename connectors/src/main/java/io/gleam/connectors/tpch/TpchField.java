package io.gleam.connectors.tpch;

import static java.util.Objects.requireNonNull;

import io.gleam.planner.Schemas;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;

/**
 * One column of a TPC-H table: its Arrow field (never nullable) and how to copy its values from generated rows into
 * a vector, a column at a time and without boxing: keys as longs, money as long cents, dates as epoch days, text as
 * ASCII bytes.
 *
 * @param <E> the generator's row type, e.g. {@code io.trino.tpch.LineItem}
 */
final class TpchField<E> {
  /** DECIMAL(15,2), the TPC-H type of money, quantities, discounts and taxes. */
  static final ArrowType DECIMAL = new ArrowType.Decimal(15, 2, 128);

  private static final byte[][] ONE_CHAR = oneCharStrings();

  /** Copies one column of rows {@code 0..count-1} into a vector allocated for them. */
  private interface Filler<E> {
    void fill(FieldVector vector, E[] rows, int count);
  }

  private final Field field;
  private final int maxLength;
  private final Filler<E> filler;

  private TpchField(String name, ArrowType type, int maxLength, Filler<E> filler) {
    this.field = Schemas.field(requireNonNull(name, "name is null"), type, false);
    this.maxLength = maxLength;
    this.filler = filler;
  }

  /** A key column (TPC-H identifier) as BIGINT. */
  static <E> TpchField<E> identifier(String name, ToLongFunction<E> value) {
    return new TpchField<>(name, new ArrowType.Int(64, true), 0, (vector, rows, count) -> {
      BigIntVector v = (BigIntVector) vector;
      for (int i = 0; i < count; i++) {
        v.set(i, value.applyAsLong(rows[i]));
      }
    });
  }

  /** A TPC-H integer column (a count or size, not a key) as INT. */
  static <E> TpchField<E> integer(String name, ToIntFunction<E> value) {
    return new TpchField<>(name, new ArrowType.Int(32, true), 0, (vector, rows, count) -> {
      IntVector v = (IntVector) vector;
      for (int i = 0; i < count; i++) {
        v.set(i, value.applyAsInt(rows[i]));
      }
    });
  }

  /** A DECIMAL(15,2) column from its unscaled value, e.g. cents. */
  static <E> TpchField<E> decimal(String name, ToLongFunction<E> unscaled) {
    return new TpchField<>(name, DECIMAL, 0, (vector, rows, count) -> {
      DecimalVector v = (DecimalVector) vector;
      for (int i = 0; i < count; i++) {
        v.set(i, unscaled.applyAsLong(rows[i]));
      }
    });
  }

  /** A DATE column from days since 1970-01-01. */
  static <E> TpchField<E> date(String name, ToIntFunction<E> epochDay) {
    return new TpchField<>(name, new ArrowType.Date(DateUnit.DAY), 0, (vector, rows, count) -> {
      DateDayVector v = (DateDayVector) vector;
      for (int i = 0; i < count; i++) {
        v.set(i, epochDay.applyAsInt(rows[i]));
      }
    });
  }

  /** A VARCHAR column of at most {@code maxLength} characters (TPC-H text is ASCII). */
  static <E> TpchField<E> varchar(String name, int maxLength, Function<E, String> value) {
    return new TpchField<>(name, ArrowType.Utf8.INSTANCE, maxLength, (vector, rows, count) -> {
      VarCharVector v = (VarCharVector) vector;
      for (int i = 0; i < count; i++) {
        v.setSafe(i, value.apply(rows[i]).getBytes(StandardCharsets.UTF_8));
      }
    });
  }

  /** A VARCHAR(1) column from a single ASCII character, without making a string per row. */
  static <E> TpchField<E> character(String name, ToIntFunction<E> asciiChar) {
    return new TpchField<>(name, ArrowType.Utf8.INSTANCE, 1, (vector, rows, count) -> {
      VarCharVector v = (VarCharVector) vector;
      for (int i = 0; i < count; i++) {
        v.setSafe(i, ONE_CHAR[asciiChar.applyAsInt(rows[i])]);
      }
    });
  }

  Field field() {
    return field;
  }

  /** The most characters a value has, for VARCHAR columns; 0 for the others. */
  int maxLength() {
    return maxLength;
  }

  /**
   * Allocates room for {@code rows} values, text at its maximum length, so that {@link #fill} never reallocates
   * (it would still be correct if it had to).
   */
  void allocate(FieldVector vector, int rows) {
    if (vector instanceof BaseVariableWidthVector v) {
      v.allocateNew((long) rows * maxLength, rows);
    } else {
      vector.setInitialCapacity(rows);
      vector.allocateNew();
    }
  }

  /** Fills {@code vector}, a vector of {@link #field()} allocated by {@link #allocate} for at least {@code count}. */
  void fill(FieldVector vector, E[] rows, int count) {
    filler.fill(vector, rows, count);
  }

  private static byte[][] oneCharStrings() {
    byte[][] strings = new byte[128][];
    for (int c = 0; c < strings.length; c++) {
      strings[c] = new byte[] {(byte) c};
    }
    return strings;
  }
}
