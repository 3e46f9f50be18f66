package io.gleam.exec.expr;

import io.gleam.planner.expr.Expr;
import io.gleam.planner.rows.ArrowValues;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.apache.arrow.vector.FieldVector;

/** Reads the input columns some expressions use, one row at a time, as Java values for {@link ExprInterpreter}. */
final class ExprRowReader {
  private final int[] columns;
  private final Object[] row;

  ExprRowReader(int width, Collection<Expr> exprs) {
    TreeSet<Integer> used = new TreeSet<>();
    List<Expr> pending = new ArrayList<>(exprs);
    while (!pending.isEmpty()) {
      Expr e = pending.remove(pending.size() - 1);
      if (e instanceof Expr.ColumnRef ref) {
        used.add(ref.index());
      }
      pending.addAll(e.children());
    }
    this.columns = used.stream().mapToInt(Integer::intValue).toArray();
    this.row = new Object[width];
  }

  /** Row {@code i}; the array is reused by the next call. */
  Object[] read(FieldVector[] in, int i) {
    for (int c : columns) {
      row[c] = ArrowValues.get(in[c], i);
    }
    return row;
  }
}
