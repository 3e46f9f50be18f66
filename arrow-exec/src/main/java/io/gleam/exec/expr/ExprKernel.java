package io.gleam.exec.expr;

import org.apache.arrow.vector.FieldVector;

/**
 * The base class of the kernels {@link ExprCompiler} generates; public only so that the generated classes, which
 * live in their own class loader, can extend it. One instance per task: kernels keep scratch buffers.
 */
public abstract class ExprKernel {
  /**
   * Writes the indexes of the input rows (0 to {@code rowCount}) for which the filter is TRUE to the start of
   * {@code selection} and returns how many there are.
   */
  public abstract int select(FieldVector[] in, int rowCount, int[] selection);

  /**
   * Evaluates compiled output {@code output} for input rows {@code selection[0, count)} (rows {@code [0, count)}
   * when {@code selection} is null) of a batch of {@code rowCount} rows into rows {@code [0, count)} of
   * {@code out}, which is freshly allocated for them.
   */
  public abstract void project(int output, FieldVector[] in, int rowCount, int[] selection, int count,
      FieldVector out);
}
