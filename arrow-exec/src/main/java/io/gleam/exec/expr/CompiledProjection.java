package io.gleam.exec.expr;

import static java.util.Objects.requireNonNull;

import io.gleam.exec.expr.KernelRuntime.KernelFallback;
import io.gleam.planner.expr.Expr;
import io.gleam.planner.rows.ArrowValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A projection, optionally after a filter, compiled for one input schema: each batch in gives a new batch with one
 * column per expression. Algorithm: the filter's kernel selects rows; a column reference is shared with the input
 * when every row is kept (no copy) and copied for the selected rows otherwise; every other expression is one tight
 * loop of generated code over the selected rows, writing a new vector. Memory: the output batch and a selection
 * vector of 4 bytes per input row (reused). An expression the kernel cannot finish for a batch (64-bit overflow,
 * a data error) is evaluated again for that batch by {@link ExprInterpreter}, which reports errors; expressions the
 * generator does not handle are always interpreted. Not thread-safe: make one per task with
 * {@link ExprCompiler#compileProjection}.
 */
public final class CompiledProjection {
  /** How an output column is made. */
  enum Mode { SHARED_COLUMN, COMPILED, INTERPRETED }

  private final Schema input;
  private final List<Expr> exprs;
  private final Schema output;
  private final CompiledFilter filter;
  private final ExprKernel kernel;
  private final Mode[] modes;
  private final ExprRowReader reader;
  private long fallbackBatches;

  CompiledProjection(Schema input, CompiledFilter filter, List<Expr> exprs, Schema output, ExprKernel kernel,
      Mode[] modes) {
    this.input = requireNonNull(input, "input is null");
    this.filter = filter;
    this.exprs = List.copyOf(exprs);
    this.output = requireNonNull(output, "output is null");
    this.kernel = kernel;
    this.modes = modes.clone();
    this.reader = new ExprRowReader(input.getFields().size(), exprs);
  }

  /** The schema of the batches {@link #evaluate} returns. */
  public Schema schema() {
    return output;
  }

  public List<Expr> exprs() {
    return exprs;
  }

  public Optional<Expr> filter() {
    return filter == null ? Optional.empty() : Optional.of(filter.predicate());
  }

  /** Whether output {@code index} is a shared column or computed by generated code (else it is interpreted). */
  public boolean isCompiled(int index) {
    return modes[index] != Mode.INTERPRETED;
  }

  /** Batches in which an expression was handed from its kernel to the interpreter. */
  public long fallbackBatches() {
    return fallbackBatches + (filter == null ? 0 : filter.fallbackBatches());
  }

  /**
   * {@code Project[$0, $3 * (1 - $6)]}, or {@code Project[filter=$1 > 10, exprs=[...]]}; an interpreted
   * expression is marked {@code (interpreted)}.
   */
  public String explain() {
    List<String> parts = new ArrayList<>();
    for (int j = 0; j < exprs.size(); j++) {
      parts.add(exprs.get(j).render() + (modes[j] == Mode.INTERPRETED ? " (interpreted)" : ""));
    }
    String list = String.join(", ", parts);
    if (filter == null) {
      return "Project[" + list + "]";
    }
    return "Project[filter=" + filter.predicate().render() + (filter.isCompiled() ? "" : " (interpreted)")
        + ", exprs=[" + list + "]]";
  }

  /** A new batch (the caller owns it) of the expressions' values for the batch's rows; {@code batch} stays open. */
  public VectorSchemaRoot evaluate(VectorSchemaRoot batch, BufferAllocator allocator) {
    FieldVector[] in = BatchColumns.vectors(batch, input);
    int rows = batch.getRowCount();
    int[] sel = null;
    int count = rows;
    if (filter != null) {
      int[] selection = filter.selectionFor(rows);
      count = filter.select(in, rows, selection);
      sel = count == rows ? null : selection;
    }
    List<FieldVector> out = new ArrayList<>(exprs.size());
    boolean done = false;
    try {
      for (int j = 0; j < exprs.size(); j++) {
        out.add(column(j, in, rows, sel, count, allocator));
      }
      VectorSchemaRoot result = new VectorSchemaRoot(output.getFields(), out, count);
      done = true;
      return result;
    } finally {
      if (!done) {
        BatchColumns.closeAll(out);
      }
    }
  }

  private FieldVector column(int j, FieldVector[] in, int rows, int[] sel, int count, BufferAllocator allocator) {
    Field field = output.getFields().get(j);
    if (modes[j] == Mode.SHARED_COLUMN) {
      FieldVector from = in[((Expr.ColumnRef) exprs.get(j)).index()];
      return sel == null ? BatchColumns.share(from, field, rows, allocator)
          : BatchColumns.copy(from, field, sel, count, allocator);
    }
    if (modes[j] == Mode.COMPILED) {
      FieldVector v = BatchColumns.allocate(field, count, allocator);
      try {
        kernel.project(j, in, rows, sel, count, v);
        v.setValueCount(count);
        return v;
      } catch (KernelFallback | ArithmeticException e) {
        v.close();
        fallbackBatches++;
      } catch (RuntimeException e) {
        v.close();
        throw e;
      }
    }
    return interpret(j, field, in, sel, count, allocator);
  }

  private FieldVector interpret(int j, Field field, FieldVector[] in, int[] sel, int count,
      BufferAllocator allocator) {
    Expr expr = exprs.get(j);
    FieldVector v = BatchColumns.allocate(field, count, allocator);
    boolean done = false;
    try {
      for (int k = 0; k < count; k++) {
        Object value = ExprInterpreter.evaluate(expr, reader.read(in, sel == null ? k : sel[k]));
        ArrowValues.set(v, k, ExprInterpreter.output(value, expr));
      }
      v.setValueCount(count);
      done = true;
      return v;
    } finally {
      if (!done) {
        v.close();
      }
    }
  }

  @Override
  public String toString() {
    return explain();
  }
}
