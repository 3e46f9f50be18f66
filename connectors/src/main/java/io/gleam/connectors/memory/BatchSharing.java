package io.gleam.connectors.memory;

import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Makes a batch owned by one allocator that holds the data of a batch owned by another: the same buffers, counted
 * by reference, when both allocators share a root; a copy otherwise (Arrow cannot share buffers across roots).
 */
public final class BatchSharing {
  private BatchSharing() {}

  /**
   * A new batch of {@code schema}, allocated from {@code allocator}, with the rows of {@code from}; the caller owns
   * it, and {@code from} stays the caller's too. The columns of {@code schema} must have the types of
   * {@code from}'s, in order (names and nullability may differ).
   */
  public static VectorSchemaRoot share(VectorSchemaRoot from, Schema schema, BufferAllocator allocator) {
    VectorSchemaRoot to = VectorSchemaRoot.create(schema, allocator);
    boolean success = false;
    try {
      if (sameRoot(from, allocator)) {
        try (ArrowRecordBatch batch = new VectorUnloader(from).getRecordBatch()) {
          new VectorLoader(to).load(batch);
        }
      } else {
        copy(from, to);
      }
      success = true;
      return to;
    } finally {
      if (!success) {
        to.close();
      }
    }
  }

  /** Whether {@code batch}'s buffers hold more than twice the bytes its rows use. */
  public static boolean sparse(VectorSchemaRoot batch) {
    long used = 0;
    long held = 0;
    for (FieldVector v : batch.getFieldVectors()) {
      used += v.getBufferSize();
      for (var buf : v.getFieldBuffers()) {
        held += buf.capacity();
      }
    }
    return held > 2 * used + 4096;
  }

  /** A copy of {@code from} of {@code schema} in {@code allocator}, with buffers sized to its rows. */
  public static VectorSchemaRoot copy(VectorSchemaRoot from, Schema schema, BufferAllocator allocator) {
    VectorSchemaRoot to = VectorSchemaRoot.create(schema, allocator);
    boolean success = false;
    try {
      copy(from, to);
      success = true;
      return to;
    } finally {
      if (!success) {
        to.close();
      }
    }
  }

  private static void copy(VectorSchemaRoot from, VectorSchemaRoot to) {
    int rows = from.getRowCount();
    List<FieldVector> sources = from.getFieldVectors();
    List<FieldVector> targets = to.getFieldVectors();
    for (int c = 0; c < sources.size(); c++) {
      FieldVector source = sources.get(c);
      FieldVector target = targets.get(c);
      target.setInitialCapacity(rows);
      target.allocateNew();
      for (int r = 0; r < rows; r++) {
        target.copyFromSafe(r, r, source);
      }
      target.setValueCount(rows);
    }
    to.setRowCount(rows);
  }

  private static boolean sameRoot(VectorSchemaRoot batch, BufferAllocator allocator) {
    List<FieldVector> vectors = batch.getFieldVectors();
    return vectors.isEmpty() || vectors.get(0).getAllocator().getRoot() == allocator.getRoot();
  }
}
