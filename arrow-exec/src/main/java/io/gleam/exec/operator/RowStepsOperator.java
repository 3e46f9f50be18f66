package io.gleam.exec.operator;

import io.gleam.exec.RunContext;
import io.gleam.exec.rows.RowInput;
import io.gleam.exec.udf.RowTransform;
import java.util.ArrayDeque;
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

  @SuppressWarnings("unchecked")
  public RowStepsOperator(Schema schema, Operator input, List<RowTransform> steps, RunContext context,
      BufferAllocator allocator, int batchRows) {
    super(schema, allocator, batchRows);
    this.input = input;
    this.rows = new RowInput(input);
    this.steps = List.copyOf(steps);
    this.context = context;
    this.sinks = new Consumer[steps.size() + 1];
    sinks[steps.size()] = pending::add;
    for (int i = steps.size() - 1; i >= 0; i--) {
      RowTransform t = steps.get(i);
      Consumer<Object[]> next = sinks[i + 1];
      sinks[i] = row -> t.apply(row, next);
    }
  }

  @Override
  public Object[] nextRow() {
    while (pending.isEmpty()) {
      Object[] row = rows.nextRow();
      if (row == null) {
        return null;
      }
      if ((++inputRows & 0xFFFF) == 0) {
        context.checkCancelled();
      }
      sinks[0].accept(row);
    }
    metrics.addRows(1);
    return pending.poll();
  }

  @Override
  public void close() {
    rows.release();
    input.close();
    super.close();
  }
}
