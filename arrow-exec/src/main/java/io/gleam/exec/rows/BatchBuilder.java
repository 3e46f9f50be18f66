package io.gleam.exec.rows;

import io.gleam.planner.Row;
import io.gleam.planner.rows.ArrowValues;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/** Appends Java rows to an Arrow batch and hands the batch over when full. */
public final class BatchBuilder implements AutoCloseable {
  private final Schema schema;
  private final BufferAllocator allocator;
  private final int capacity;
  private VectorSchemaRoot root;
  private List<FieldVector> vectors;
  private int rows;

  public BatchBuilder(Schema schema, BufferAllocator allocator, int capacity) {
    this.schema = schema;
    this.allocator = allocator;
    this.capacity = capacity;
  }

  public int rows() {
    return rows;
  }

  public boolean isFull() {
    return rows >= capacity;
  }

  public void add(Object[] values) {
    if (root == null) {
      root = VectorSchemaRoot.create(schema, allocator);
      vectors = root.getFieldVectors();
      for (FieldVector v : vectors) {
        v.setInitialCapacity(Math.min(capacity, 4096));
        v.allocateNew();
      }
    }
    if (values.length != vectors.size()) {
      ArrowValues.setRow(root, rows, Row.wrap(values));
    }
    for (int c = 0; c < values.length; c++) {
      ArrowValues.set(vectors.get(c), rows, values[c]);
    }
    rows++;
  }

  /** Hands over the rows added so far as a batch (the caller owns it), or null when there are none. */
  public VectorSchemaRoot take() {
    if (rows == 0) {
      return null;
    }
    root.setRowCount(rows);
    VectorSchemaRoot out = root;
    root = null;
    rows = 0;
    return out;
  }

  @Override
  public void close() {
    if (root != null) {
      root.close();
      root = null;
    }
  }
}
