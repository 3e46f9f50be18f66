package io.gleam.exec.operator;

import io.gleam.exec.RunContext;
import io.gleam.exec.memory.ExternalSorter;
import io.gleam.exec.rows.RowComparator;
import io.gleam.exec.rows.RowInput;
import io.gleam.planner.plan.PlanNode;

/**
 * Sorts one partition with an {@link ExternalSorter}: in memory within the budget, else sorted runs spilled to
 * Arrow IPC files and merged. Memory: the rows buffered, up to the budget.
 */
public final class SortOperator extends RowOperator {
  private final Operator input;
  private final RowInput rows;
  private final ExternalSorter sorter;
  private final RunContext context;
  private RowStream sorted;

  public SortOperator(PlanNode.Sort node, Operator input, RunContext context, String consumer) {
    super(node.schema(), context.allocator(), context.options().batchRows());
    this.input = input;
    this.rows = new RowInput(input);
    this.context = context;
    this.sorter = new ExternalSorter(node.schema(), new RowComparator(node.order()),
        context.memoryPool().reservation(consumer), context.options().spillDirectory(), context.allocator(),
        context.options().batchRows(), metrics);
  }

  @Override
  public Object[] nextRow() {
    if (sorted == null) {
      Object[] row;
      long n = 0;
      while ((row = rows.nextRow()) != null) {
        if ((++n & 0xFFFF) == 0) {
          context.checkCancelled();
        }
        sorter.add(row);
      }
      sorted = sorter.sorted();
      context.count("spills", sorter.spilledRuns());
    }
    return sorted.nextRow();
  }

  @Override
  public void close() {
    rows.release();
    sorter.close();
    input.close();
    super.close();
  }
}
