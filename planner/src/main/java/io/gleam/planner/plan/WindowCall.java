package io.gleam.planner.plan;

import static java.util.Objects.requireNonNull;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.planner.Schemas;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * One windowed function call of a window step.
 *
 * @param function what to compute
 * @param column the argument column, or -1 for none (ROW_NUMBER, RANK, DENSE_RANK, NTILE, COUNT(*))
 * @param offset LAG/LEAD: how many rows back or ahead; NTILE: the number of buckets; 0 otherwise
 * @param defaultColumn LAG/LEAD: the column whose value (in the current row) is used when the offset row is outside
 *     the partition, or -1 for NULL
 * @param frame the rows the function sees, for {@link WindowFunction#usesFrame() functions that use one}
 * @param name the output column's name
 */
public record WindowCall(WindowFunction function, int column, long offset, int defaultColumn, WindowFrame frame,
    String name) {
  private static final ArrowType BIGINT = new ArrowType.Int(64, true);

  public WindowCall {
    requireNonNull(function, "function is null");
    requireNonNull(frame, "frame is null");
    requireNonNull(name, "name is null");
    boolean needsColumn = switch (function) {
      case ROW_NUMBER, RANK, DENSE_RANK, NTILE, COUNT -> false;
      case LAG, LEAD, FIRST_VALUE, LAST_VALUE, SUM, MIN, MAX -> true;
    };
    if (needsColumn && column < 0) {
      throw new IllegalArgumentException(function + " needs an argument column");
    }
    if (function == WindowFunction.NTILE && offset < 1) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "NTILE needs a positive number of buckets, got %d", offset);
    }
    if (offset < 0) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "%s: offset must not be negative, got %d", function, offset);
    }
  }

  /** A call without offset or default, e.g. {@code SUM($2)} over {@code frame}. */
  public static WindowCall of(WindowFunction function, int column, WindowFrame frame, String name) {
    return new WindowCall(function, column, 0, -1, frame, name);
  }

  /** The output column this call adds to rows of {@code input}. */
  public Field outputField(Schema input) {
    return switch (function) {
      case ROW_NUMBER, RANK, DENSE_RANK, NTILE, COUNT -> Schemas.field(name, BIGINT, false);
      case SUM -> Schemas.field(name, sumType(input));
      case LAG, LEAD, FIRST_VALUE, LAST_VALUE, MIN, MAX -> Schemas.field(name, inputField(input).getType());
    };
  }

  private Field inputField(Schema input) {
    if (column >= input.getFields().size()) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "%s: no column %d in (%s)", this, column,
          Schemas.render(input));
    }
    return input.getFields().get(column);
  }

  private ArrowType sumType(Schema input) {
    ArrowType t = inputField(input).getType();
    if (t instanceof ArrowType.Int) {
      return BIGINT;
    } else if (t instanceof ArrowType.FloatingPoint) {
      return new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
    } else if (t instanceof ArrowType.Decimal d) {
      return new ArrowType.Decimal(38, d.getScale(), 128);
    }
    throw GleamException.user(ErrorCode.INVALID_FLOW, "%s: cannot sum column '%s' of type %s", this,
        inputField(input).getName(), Schemas.typeName(t));
  }

  @Override
  public String toString() {
    String arg = switch (function) {
      case ROW_NUMBER, RANK, DENSE_RANK -> "";
      case NTILE -> String.valueOf(offset);
      case LAG, LEAD -> "$" + column + ", " + offset + (defaultColumn < 0 ? "" : ", $" + defaultColumn);
      case COUNT -> column < 0 ? "*" : "$" + column;
      case FIRST_VALUE, LAST_VALUE, SUM, MIN, MAX -> "$" + column;
    };
    return function + "(" + arg + ")" + (function.usesFrame() ? " " + frame : "");
  }
}
