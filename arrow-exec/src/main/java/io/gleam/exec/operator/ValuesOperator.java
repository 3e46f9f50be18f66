package io.gleam.exec.operator;

import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.types.pojo.Schema;

/** Emits the rows of a Values node that fall to this partition: rows p, p+n, p+2n, ... */
public final class ValuesOperator extends RowOperator {
  private final List<List<Object>> rows;
  private final int step;
  private int next;

  public ValuesOperator(Schema schema, List<List<Object>> rows, int partition, int partitions,
      BufferAllocator allocator, int batchRows) {
    super(schema, allocator, batchRows);
    this.rows = rows;
    this.step = partitions;
    this.next = partition;
  }

  @Override
  public Object[] nextRow() {
    if (next >= rows.size()) {
      return null;
    }
    Object[] row = rows.get(next).toArray();
    next += step;
    return row;
  }
}
