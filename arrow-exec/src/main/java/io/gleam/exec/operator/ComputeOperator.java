package io.gleam.exec.operator;

import io.gleam.exec.expr.CompiledProjection;
import io.gleam.exec.expr.ExprCompiler;
import io.gleam.planner.plan.PlanNode;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Vectorized filter and projection of each batch through kernels compiled once per task by {@link ExprCompiler}.
 * Algorithm: the filter selects rows, each output column is one loop over the selected rows; a batch whose rows are
 * all filtered out is skipped. Memory: one output batch at a time; never spills.
 */
public final class ComputeOperator implements Operator {
  private final PlanNode.Compute node;
  private final Operator input;
  private final CompiledProjection projection;
  private final BufferAllocator allocator;
  private final OperatorMetrics metrics = new OperatorMetrics();

  public ComputeOperator(PlanNode.Compute node, Operator input, BufferAllocator allocator) {
    this(node, node.input().schema(), input, allocator);
  }

  /** A compute over an input that produces {@code in}, not its node's input's schema (a narrowed join). */
  public ComputeOperator(PlanNode.Compute node, Schema in, Operator input, BufferAllocator allocator) {
    this.node = node;
    this.input = input;
    this.allocator = allocator;
    this.projection = node.filter().isPresent()
        ? ExprCompiler.compileProjection(in, node.filter().get(), node.projections(), node.schema())
        : ExprCompiler.compileProjection(in, node.projections(), node.schema());
  }

  @Override
  public Schema schema() {
    return node.schema();
  }

  @Override
  public Optional<VectorSchemaRoot> next() {
    while (true) {
      Optional<VectorSchemaRoot> in = input.next();
      if (in.isEmpty()) {
        return in;
      }
      try (VectorSchemaRoot batch = in.get()) {
        VectorSchemaRoot out = projection.evaluate(batch, allocator);
        if (out.getRowCount() == 0 && node.filter().isPresent()) {
          out.close();
          continue;
        }
        metrics.addBatch(out.getRowCount());
        return Optional.of(out);
      }
    }
  }

  /** The compiled form, e.g. {@code Project[filter=$1 > 10, exprs=[$0, $3 * (1 - $6)]]}. */
  public String explain() {
    return projection.explain();
  }

  @Override
  public OperatorMetrics metrics() {
    return metrics;
  }

  @Override
  public void close() {
    input.close();
  }
}
