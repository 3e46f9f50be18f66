package io.gleam.exec.operator;

import io.gleam.exec.ComputeSlots;
import io.gleam.exec.exchange.BatchQueue;
import io.gleam.exec.exchange.ExchangeBuffer;
import io.gleam.exec.memory.KWayMerge;
import io.gleam.exec.rows.RowComparator;
import io.gleam.planner.plan.SortKey;
import io.gleam.planner.rows.ArrowValues;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Reads a sorted merge exchange: a streaming k-way merge of the producers' sorted streams, one queue each.
 * Memory: one batch per producer.
 */
public final class MergeReadOperator extends RowOperator {
  private final List<ProducerStream> producers = new ArrayList<>();
  private final KWayMerge merge;

  public MergeReadOperator(Schema schema, ExchangeBuffer exchange, List<SortKey> order, ComputeSlots slots,
      BufferAllocator allocator, int batchRows) {
    super(schema, allocator, batchRows);
    for (int p = 0; p < exchange.producers(); p++) {
      producers.add(new ProducerStream(exchange.queue(p), slots));
    }
    this.merge = new KWayMerge(new ArrayList<>(producers), new RowComparator(order));
  }

  @Override
  public Object[] nextRow() {
    return merge.nextRow();
  }

  @Override
  public void close() {
    producers.forEach(ProducerStream::abandon);
    super.close();
  }

  /** One producer's queue as a row stream. */
  private static final class ProducerStream implements RowStream {
    private final BatchQueue queue;
    private final ComputeSlots slots;
    private VectorSchemaRoot batch;
    private List<FieldVector> vectors;
    private int index;
    private boolean ended;

    ProducerStream(BatchQueue queue, ComputeSlots slots) {
      this.queue = queue;
      this.slots = slots;
    }

    @Override
    public Object[] nextRow() {
      while (batch == null || index >= batch.getRowCount()) {
        release();
        if (ended) {
          return null;
        }
        batch = queue.take(slots);
        if (batch == null) {
          ended = true;
          return null;
        }
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

    void release() {
      if (batch != null) {
        batch.close();
        batch = null;
      }
    }

    /** Releases the batch in hand and tells the producer that no more is read. */
    void abandon() {
      release();
      queue.abandon();
    }
  }
}
