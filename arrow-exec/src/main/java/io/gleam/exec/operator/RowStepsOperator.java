package io.gleam.exec.operator;

import io.gleam.exec.RunContext;
import io.gleam.exec.rows.RowInput;
import io.gleam.exec.udf.RowTransform;
import io.gleam.exec.udf.LuaChain;
import io.gleam.planner.rows.ArrowValues;
import io.gleam.udf.lua.LuaValues;
import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.planner.Schemas;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Optional;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import java.util.List;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Fused chain of row-wise user steps (map, flatMap, filter; Java or Lua): each input row runs through every step
 * before the next is read, without Arrow batches in between. Memory: the rows one input row expands to.
 */
public final class RowStepsOperator extends RowOperator {
  private final Operator input;
  private final RowInput rows;
  private final List<RowTransform> steps;
  private final ArrayDeque<Object[]> pending = new ArrayDeque<>();
  private final Consumer<Object[]>[] sinks;
  private final RunContext context;
  private long inputRows;
  private final String lastStep;
  private final ErrorCode widthError;
  private final LuaChain luaHead;
  private VectorSchemaRoot batch;
  private List<FieldVector> vectors;
  private int index;
  /** Where {@link #nextRows} has the last step put rows, while it has room; the rest go to {@link #pending}. */
  private Object[][] bulkOut;
  private int bulkCount;
  private int bulkMax;

  @SuppressWarnings("unchecked")
  public RowStepsOperator(Schema schema, Operator input, List<RowTransform> steps, RunContext context,
      BufferAllocator allocator, int batchRows, String lastStep, ErrorCode widthError) {
    super(schema, allocator, batchRows);
    this.lastStep = lastStep;
    this.widthError = widthError;
    this.input = input;
    this.rows = new RowInput(input);
    this.steps = List.copyOf(steps);
    this.context = context;
    this.sinks = new Consumer[steps.size() + 1];
    sinks[steps.size()] = this::emit;
    for (int i = steps.size() - 1; i >= 0; i--) {
      RowTransform t = steps.get(i);
      Consumer<Object[]> next = sinks[i + 1];
      sinks[i] = row -> t.apply(row, next);
    }
    this.luaHead = !steps.isEmpty() && steps.get(0) instanceof LuaChain chain && !(input instanceof RowStream)
        ? chain : null;
  }

  @Override
  public Object[] nextRow() {
    while (pending.isEmpty()) {
      if (!feedOneRow()) {
        return null;
      }
    }
    metrics.addRows(1);
    return checkWidth(pending.poll());
  }

  /** Runs the next input row through the steps; false at the end of input. */
  private boolean feedOneRow() {
    if (luaHead != null) {
      return feedOneRowIntoLua();
    }
    Object[] row = rows.nextRow();
    if (row == null) {
      return false;
    }
    if ((++inputRows & 0xFFFF) == 0) {
      context.checkCancelled();
    }
    sinks[0].accept(row);
    return true;
  }

  private void emit(Object[] row) {
    if (bulkCount < bulkMax) {
      bulkOut[bulkCount++] = checkWidth(row);
    } else {
      pending.add(row);
    }
  }

  /**
   * Runs input rows through the steps until {@code max} rows are out: the last step writes them straight into
   * {@code out}, so a flatMap's words reach an aggregate without a queue between them.
   */
  @Override
  public int nextRows(Object[][] out, int max) {
    int n = 0;
    while (n < max && !pending.isEmpty()) {
      out[n++] = checkWidth(pending.poll());
    }
    bulkOut = out;
    bulkCount = n;
    bulkMax = max;
    try {
      while (bulkCount < max && feedOneRow()) {
        // the steps put what the row made into out, the rest into pending
      }
    } finally {
      bulkOut = null;
      bulkMax = 0;
    }
    metrics.addRows(bulkCount);
    return bulkCount;
  }

  private Object[] checkWidth(Object[] row) {
    if (row.length != schema.getFields().size()) {
      throw new GleamException(widthError, String.format(
          "step '%s' returned %d values %s, but its schema (%s) has %d columns", lastStep, row.length,
          Arrays.toString(row), Schemas.render(schema), schema.getFields().size()));
    }
    return row;
  }

  /** The fast path when the first step is Lua and the input is Arrow: values go from vectors to Lua directly. */
  private boolean feedOneRowIntoLua() {
    while (batch == null || index >= batch.getRowCount()) {
      if (batch != null) {
        batch.close();
        batch = null;
      }
      Optional<VectorSchemaRoot> next = input.next();
      if (next.isEmpty()) {
        return false;
      }
      batch = next.get();
      vectors = batch.getFieldVectors();
      index = 0;
      context.checkCancelled();
    }
    Varargs args;
    if (vectors.size() == 1) {
      args = luaValue(vectors.get(0), index);
    } else {
      LuaValue[] values = new LuaValue[vectors.size()];
      for (int c = 0; c < values.length; c++) {
        values[c] = luaValue(vectors.get(c), index);
      }
      args = LuaValue.varargsOf(values);
    }
    index++;
    luaHead.applyLua(args, sinks[1]);
    return true;
  }

  private static LuaValue luaValue(FieldVector v, int i) {
    if (v instanceof VarCharVector vc) {
      return vc.isNull(i) ? LuaValue.NIL : LuaValues.fromVarChar(vc, i);
    }
    return LuaValues.toLua(ArrowValues.get(v, i));
  }

  @Override
  public void close() {
    if (batch != null) {
      batch.close();
      batch = null;
    }
    rows.release();
    input.close();
    super.close();
  }
}
