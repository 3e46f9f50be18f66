package io.gleam.planner.plan;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.planner.Schemas;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The schemas of aggregation phases. A partial aggregate emits keys then per-call state columns (AVG keeps a sum
 * and a count); a final aggregate emits keys then one result column per call. A user reducer keeps the value
 * columns in both phases.
 */
public final class AggregateSchemas {
  private static final ArrowType BIGINT = new ArrowType.Int(64, true);
  private static final ArrowType DOUBLE = new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);

  private AggregateSchemas() {}

  /** The columns that are not keys, in order: what a user reducer combines. */
  public static int[] valueColumns(int columnCount, int[] keys) {
    List<Integer> values = new ArrayList<>();
    outer:
    for (int c = 0; c < columnCount; c++) {
      for (int k : keys) {
        if (k == c) {
          continue outer;
        }
      }
      values.add(c);
    }
    return values.stream().mapToInt(Integer::intValue).toArray();
  }

  public static Schema partial(Schema input, int[] keys, Reducer reducer) {
    return schema(input, keys, reducer, true);
  }

  public static Schema output(Schema input, int[] keys, Reducer reducer) {
    return schema(input, keys, reducer, false);
  }

  private static Schema schema(Schema input, int[] keys, Reducer reducer, boolean partial) {
    List<Field> fields = keyFields(input, keys);
    if (reducer instanceof Reducer.User) {
      for (int c : valueColumns(input.getFields().size(), keys)) {
        fields.add(input.getFields().get(c));
      }
    } else if (reducer instanceof Reducer.Builtin builtin) {
      for (AggCall call : builtin.calls()) {
        switch (call.function()) {
          case SUM -> fields.add(Schemas.field(call.name(), sumType(input, call)));
          case COUNT -> fields.add(Schemas.field(call.name(), BIGINT, false));
          case MIN, MAX -> fields.add(Schemas.field(call.name(), inputType(input, call)));
          case AVG -> {
            if (partial) {
              fields.add(Schemas.field(call.name() + "$sum", DOUBLE));
              fields.add(Schemas.field(call.name() + "$count", BIGINT, false));
            } else {
              fields.add(Schemas.field(call.name(), DOUBLE));
            }
          }
        }
      }
    }
    return new Schema(fields);
  }

  private static List<Field> keyFields(Schema input, int[] keys) {
    List<Field> fields = new ArrayList<>();
    for (int k : keys) {
      fields.add(input.getFields().get(k));
    }
    return fields;
  }

  private static ArrowType inputType(Schema input, AggCall call) {
    if (call.column() < 0 || call.column() >= input.getFields().size()) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "%s: no column %d in (%s)", call, call.column(),
          Schemas.render(input));
    }
    return input.getFields().get(call.column()).getType();
  }

  private static ArrowType sumType(Schema input, AggCall call) {
    ArrowType t = inputType(input, call);
    if (t instanceof ArrowType.Int) {
      return BIGINT;
    } else if (t instanceof ArrowType.FloatingPoint) {
      return DOUBLE;
    } else if (t instanceof ArrowType.Decimal d) {
      return new ArrowType.Decimal(38, d.getScale(), 128);
    }
    throw GleamException.user(ErrorCode.INVALID_FLOW, "%s: cannot sum column '%s' of type %s", call,
        input.getFields().get(call.column()).getName(), Schemas.typeName(t));
  }
}
