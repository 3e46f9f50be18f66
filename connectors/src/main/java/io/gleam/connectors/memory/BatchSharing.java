package io.gleam.connectors.memory;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseFixedWidthVector;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.message.ArrowFieldNode;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Makes a batch owned by one allocator that holds the data of a batch owned by another: the same buffers, counted
 * by reference, when both allocators share a root; a copy otherwise (Arrow cannot share buffers across roots); or a
 * compact copy, one memory copy per buffer.
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

  /**
   * A copy of {@code from} of {@code schema} in {@code allocator} whose buffers are just the size its rows use: each
   * buffer of a flat column (fixed width or variable width) copied with one memory copy, other columns shared as
   * {@link #share} does. Operators allocate validity and values together and round up to powers of two, so a batch
   * often holds twice the bytes it uses; a table that keeps batches for long keeps them compact.
   */
  public static VectorSchemaRoot compact(VectorSchemaRoot from, Schema schema, BufferAllocator allocator) {
    if (!sameRoot(from, allocator)) {
      return copy(from, schema, allocator);
    }
    VectorSchemaRoot to = VectorSchemaRoot.create(schema, allocator);
    boolean success = false;
    try {
      int rows = from.getRowCount();
      for (int c = 0; c < from.getFieldVectors().size(); c++) {
        FieldVector source = from.getVector(c);
        FieldVector target = to.getVector(c);
        List<ArrowBuf> buffers = source.getFieldBuffers();
        long[] sizes = usedSizes(source, rows);
        List<ArrowBuf> copies = new ArrayList<>(buffers.size());
        try {
          for (int b = 0; b < buffers.size(); b++) {
            if (sizes == null) {
              copies.add(buffers.get(b).getReferenceManager().retain(buffers.get(b), allocator));
              continue;
            }
            ArrowBuf copy = allocator.buffer(Math.max(sizes[b], 1));
            copies.add(copy);
            copy.setBytes(0, buffers.get(b), 0, sizes[b]);
            copy.writerIndex(sizes[b]);
          }
          target.loadFieldBuffers(new ArrowFieldNode(rows, source.getNullCount()), copies);
        } finally {
          copies.forEach(ArrowBuf::close);
        }
      }
      to.setRowCount(rows);
      success = true;
      return to;
    } finally {
      if (!success) {
        to.close();
      }
    }
  }

  /** The bytes each buffer of a flat vector uses for {@code rows} rows, in buffer order; null for other vectors. */
  private static long[] usedSizes(FieldVector vector, int rows) {
    long validity = BitVectorHelper.getValidityBufferSize(rows);
    if (vector instanceof BitVector) {
      return new long[] {validity, validity};
    } else if (vector instanceof BaseFixedWidthVector fixed) {
      return new long[] {validity, (long) rows * fixed.getTypeWidth()};
    } else if (vector instanceof BaseVariableWidthVector variable) {
      long offsets = (long) (rows + 1) * BaseVariableWidthVector.OFFSET_WIDTH;
      long data = rows == 0 ? 0 : variable.getOffsetBuffer().getInt((long) rows * BaseVariableWidthVector.OFFSET_WIDTH);
      return new long[] {validity, offsets, data};
    }
    return null;
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

  /**
   * A new batch of {@code schema} holding columns {@code columns} of {@code from}, in that order, shared as
   * {@link #share} shares a whole batch (copied when the allocators do not share a root); the other columns are not
   * touched. The caller owns the result, and {@code from} stays the caller's too.
   */
  public static VectorSchemaRoot shareColumns(VectorSchemaRoot from, int[] columns, Schema schema,
      BufferAllocator allocator) {
    VectorSchemaRoot whole = null;
    List<FieldVector> vectors = new ArrayList<>(columns.length);
    boolean success = false;
    try {
      VectorSchemaRoot source = from;
      if (!sameRoot(from, allocator)) {
        whole = copy(from, from.getSchema(), allocator);
        source = whole;
      }
      for (int i = 0; i < columns.length; i++) {
        FieldVector v = source.getVector(columns[i]);
        org.apache.arrow.vector.util.TransferPair pair = v.getTransferPair(schema.getFields().get(i), allocator);
        pair.splitAndTransfer(0, from.getRowCount());
        vectors.add((FieldVector) pair.getTo());
      }
      VectorSchemaRoot to = new VectorSchemaRoot(schema.getFields(), vectors, from.getRowCount());
      success = true;
      return to;
    } finally {
      if (whole != null) {
        whole.close();
      }
      if (!success) {
        vectors.forEach(FieldVector::close);
      }
    }
  }

  private static boolean sameRoot(VectorSchemaRoot batch, BufferAllocator allocator) {
    List<FieldVector> vectors = batch.getFieldVectors();
    return vectors.isEmpty() || vectors.get(0).getAllocator().getRoot() == allocator.getRoot();
  }
}
