package io.gleam.exec.expr;

import static java.util.Objects.requireNonNull;

import io.gleam.exec.expr.KernelRuntime.KernelFallback;
import io.gleam.planner.expr.Expr;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A predicate compiled for one input schema: selects the rows of a batch for which it is TRUE. Algorithm: one
 * pass of the generated kernel over the batch writes the selected row indexes (a selection vector); {@link #apply}
 * then copies those rows to a new batch, or shares every column when all rows pass. Memory: the selection vector
 * (4 bytes per row, reused) and the copied batch. When the kernel cannot finish a batch (64-bit overflow, a data
 * error) the batch is evaluated again by {@link ExprInterpreter}, which reports errors. Not thread-safe: make one
 * per task with {@link ExprCompiler#compileFilter}.
 */
public final class CompiledFilter {
  private final Schema input;
  private final Expr predicate;
  private final ExprKernel kernel;
  private final ExprRowReader reader;
  private int[] selection = new int[0];
  private long fallbackBatches;

  /** @param kernel the kernel whose {@code select} evaluates the predicate, or null to interpret it */
  CompiledFilter(Schema input, Expr predicate, ExprKernel kernel) {
    this.input = requireNonNull(input, "input is null");
    this.predicate = requireNonNull(predicate, "predicate is null");
    this.kernel = kernel;
    this.reader = new ExprRowReader(input.getFields().size(), List.of(predicate));
  }

  public Expr predicate() {
    return predicate;
  }

  /** Whether generated code evaluates the predicate (else the interpreter does, row by row). */
  public boolean isCompiled() {
    return kernel != null;
  }

  /** Batches the kernel handed to the interpreter. */
  public long fallbackBatches() {
    return fallbackBatches;
  }

  /** {@code Filter[$1 > 10]}, with {@code , interpreted} when no generated code evaluates the predicate. */
  public String explain() {
    return "Filter[" + predicate.render() + (kernel == null ? ", interpreted" : "") + "]";
  }

  /**
   * Writes the indexes of the batch's rows for which the predicate is TRUE, ascending, to the start of
   * {@code selection} (at least as long as the batch) and returns how many there are.
   */
  public int select(VectorSchemaRoot batch, int[] selection) {
    if (selection.length < batch.getRowCount()) {
      throw new IllegalArgumentException("selection has room for " + selection.length + " rows, the batch has "
          + batch.getRowCount());
    }
    return select(BatchColumns.vectors(batch, input), batch.getRowCount(), selection);
  }

  /** A new batch (the caller owns it) of the rows for which the predicate is TRUE; {@code batch} is not closed. */
  public VectorSchemaRoot apply(VectorSchemaRoot batch, BufferAllocator allocator) {
    FieldVector[] in = BatchColumns.vectors(batch, input);
    int rows = batch.getRowCount();
    int[] sel = selectionFor(rows);
    int count = select(in, rows, sel);
    List<FieldVector> out = new ArrayList<>(in.length);
    boolean done = false;
    try {
      for (FieldVector v : in) {
        out.add(count == rows ? BatchColumns.share(v, v.getField(), rows, allocator)
            : BatchColumns.copy(v, v.getField(), sel, count, allocator));
      }
      VectorSchemaRoot result = new VectorSchemaRoot(batch.getSchema().getFields(), out, count);
      done = true;
      return result;
    } finally {
      if (!done) {
        BatchColumns.closeAll(out);
      }
    }
  }

  /** The reused selection array, grown to {@code rows}. */
  int[] selectionFor(int rows) {
    if (selection.length < rows) {
      selection = new int[Math.max(rows, selection.length * 2)];
    }
    return selection;
  }

  int select(FieldVector[] in, int rows, int[] sel) {
    if (kernel != null) {
      try {
        return kernel.select(in, rows, sel);
      } catch (KernelFallback | ArithmeticException e) {
        fallbackBatches++;
      }
    }
    int count = 0;
    for (int i = 0; i < rows; i++) {
      if (ExprInterpreter.test(predicate, reader.read(in, i))) {
        sel[count++] = i;
      }
    }
    return count;
  }
}
