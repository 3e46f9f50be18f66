package io.gleam.exec.udf;

import io.gleam.planner.fn.UserFunction;
import io.gleam.planner.plan.AggCall;
import io.gleam.planner.plan.AggFunction;
import io.gleam.planner.plan.AggregateSchemas;
import io.gleam.planner.plan.Reducer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Recognizes Lua reducers that are built-in aggregates in disguise, so they run as vectorless Java code instead of a
 * Lua call per row: {@code function(x, y) return x + y end} over one bigint or double value column is SUM, and
 * {@code return math.max(x, y)} / {@code math.min(x, y)} are MAX / MIN. The result is the same for non-NULL
 * numbers; a NULL value, which would make the Lua function raise an error, is skipped as SUM skips it.
 */
public final class LuaReducerRecognizer {
  private static final String ID = "([A-Za-z_][A-Za-z0-9_]*)";
  private static final Pattern SUM = Pattern.compile(
      "function\\s*\\(\\s*" + ID + "\\s*,\\s*" + ID + "\\s*\\)\\s*return\\s+" + ID + "\\s*\\+\\s*" + ID + "\\s*;?\\s*end");
  private static final Pattern MIN_MAX = Pattern.compile(
      "function\\s*\\(\\s*" + ID + "\\s*,\\s*" + ID + "\\s*\\)\\s*return\\s+math\\.(min|max)\\s*\\(\\s*" + ID
          + "\\s*,\\s*" + ID + "\\s*\\)\\s*;?\\s*end");

  private LuaReducerRecognizer() {}

  /**
   * The built-in equivalent of {@code reducer} over {@code input} keyed by {@code keys}, if there is one.
   * {@code input} is the schema of raw rows (PARTIAL, SINGLE) or of partial states (FINAL); both have the keys
   * then one value column.
   */
  public static Optional<Reducer> builtinFor(Reducer reducer, Schema input, int[] keys) {
    if (!(reducer instanceof Reducer.User u) || !(u.function() instanceof UserFunction.Lua lua)) {
      return Optional.empty();
    }
    int[] values = AggregateSchemas.valueColumns(input.getFields().size(), keys);
    if (values.length != 1) {
      return Optional.empty();
    }
    Field value = input.getFields().get(values[0]);
    String src = lua.source().strip();
    AggFunction function = null;
    Matcher m = SUM.matcher(src);
    if (m.matches() && sameArgs(m.group(1), m.group(2), m.group(3), m.group(4)) && isSummable(value.getType())) {
      function = AggFunction.SUM;
    }
    Matcher mm = MIN_MAX.matcher(src);
    if (mm.matches() && sameArgs(mm.group(1), mm.group(2), mm.group(4), mm.group(5))) {
      function = mm.group(3).equals("min") ? AggFunction.MIN : AggFunction.MAX;
    }
    if (function == null) {
      return Optional.empty();
    }
    List<AggCall> calls = new ArrayList<>();
    calls.add(new AggCall(function, values[0], value.getName()));
    return Optional.of(new Reducer.Builtin(calls));
  }

  private static boolean sameArgs(String a, String b, String x, String y) {
    return !a.equals(b) && ((a.equals(x) && b.equals(y)) || (a.equals(y) && b.equals(x)));
  }

  private static boolean isSummable(ArrowType type) {
    return (type instanceof ArrowType.Int i && i.getBitWidth() == 64) || type instanceof ArrowType.FloatingPoint;
  }
}
