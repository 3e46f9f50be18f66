package io.gleam.exec.expr;

import io.gleam.exec.rows.Gather;
import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.planner.Schemas;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.arrow.vector.util.TransferPair;

/** Makes the columns of result batches: shared from the input, copied for selected rows, or newly allocated. */
final class BatchColumns {
  private BatchColumns() {}

  /** The batch's vectors, after checking that their types are those the expressions were compiled for. */
  static FieldVector[] vectors(VectorSchemaRoot batch, Schema expected) {
    List<FieldVector> vectors = batch.getFieldVectors();
    List<Field> fields = expected.getFields();
    boolean matches = vectors.size() == fields.size();
    for (int c = 0; matches && c < fields.size(); c++) {
      matches = vectors.get(c).getField().getType().equals(fields.get(c).getType());
    }
    if (!matches) {
      throw GleamException.user(ErrorCode.INTERNAL, "batch (%s) does not have the schema expressions were compiled "
          + "for (%s)", Schemas.render(batch.getSchema()), Schemas.render(expected));
    }
    return vectors.toArray(new FieldVector[0]);
  }

  /** All {@code rows} of {@code from} as a new vector sharing its buffers (no copy); {@code from} stays valid. */
  static FieldVector share(FieldVector from, Field field, int rows, BufferAllocator allocator) {
    TransferPair pair = from.getTransferPair(field, allocator);
    pair.splitAndTransfer(0, rows);
    return (FieldVector) pair.getTo();
  }

  /**
   * Rows {@code selection[0, count)} of {@code from} copied to a new vector, by buffer address ({@link Gather}):
   * Arrow's {@code copyFromSafe} per value checked bounds and reference counts on every row, and a filter that
   * kept most of a wide batch spent a quarter of TPC-H Q3's time there.
   */
  static FieldVector copy(FieldVector from, Field field, int[] selection, int count, BufferAllocator allocator) {
    return Gather.gather(from, field, selection, 0, count, allocator);
  }

  /** A new vector with room for {@code count} values, which the caller sets before {@code setValueCount}. */
  static FieldVector allocate(Field field, int count, BufferAllocator allocator) {
    FieldVector v = field.createVector(allocator);
    boolean done = false;
    try {
      if (v instanceof BaseVariableWidthVector w) {
        w.allocateNew(Math.max(count, 1) * 16L, count);
      } else if (v instanceof BaseFixedWidthVector f) {
        f.allocateNew(count);
      } else {
        v.setInitialCapacity(count);
        v.allocateNew();
      }
      done = true;
      return v;
    } finally {
      if (!done) {
        v.close();
      }
    }
  }

  static void closeAll(List<FieldVector> vectors) {
    for (FieldVector v : vectors) {
      v.close();
    }
  }
}
