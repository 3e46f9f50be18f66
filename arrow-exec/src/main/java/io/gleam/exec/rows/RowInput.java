package io.gleam.exec.rows;

import io.gleam.exec.operator.Operator;
import io.gleam.exec.operator.RowStream;
import io.gleam.planner.rows.ArrowValues;
import java.util.List;
import java.util.Optional;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Reads an operator's output row by row: straight from its {@link RowStream} when it has one, else by converting
 * its Arrow batches (each batch is closed once read).
 */
public final class RowInput implements RowStream {
  private final Operator source;
  private final RowStream direct;
  private VectorSchemaRoot batch;
  private List<FieldVector> vectors;
  private int index;

  public RowInput(Operator source) {
    this.source = source;
    this.direct = source instanceof RowStream rs ? rs : null;
  }

  @Override
  public Object[] nextRow() {
    if (direct != null) {
      return direct.nextRow();
    }
    while (batch == null || index >= batch.getRowCount()) {
      if (batch != null) {
        batch.close();
        batch = null;
      }
      Optional<VectorSchemaRoot> next = source.next();
      if (next.isEmpty()) {
        return null;
      }
      batch = next.get();
      vectors = batch.getFieldVectors();
      index = 0;
    }
    Object[] row = new Object[vectors.size()];
    for (int c = 0; c < row.length; c++) {
      row[c] = ArrowValues.get(vectors.get(c), index);
    }
    index++;
    return row;
  }

  @Override
  public int nextRows(Object[][] out, int max) {
    return direct != null ? direct.nextRows(out, max) : RowStream.super.nextRows(out, max);
  }

  /** Releases a batch still being read. Does not close the source. */
  public void release() {
    if (batch != null) {
      batch.close();
      batch = null;
    }
  }
}
