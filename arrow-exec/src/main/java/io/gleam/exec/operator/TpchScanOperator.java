package io.gleam.exec.operator;

import io.gleam.connectors.tpch.TpchSource;
import io.gleam.planner.plan.PlanNode;
import io.gleam.planner.spi.BatchStream;
import java.util.Optional;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Generates one shard of a TPC-H table through {@link TpchSource}, batch by batch on the task's thread. Memory: one
 * batch at a time (plus the connector's shared text pool); never spills.
 */
public final class TpchScanOperator implements Operator {
  private final PlanNode.TpchScan node;
  private final BatchStream stream;
  private final OperatorMetrics metrics = new OperatorMetrics();

  public TpchScanOperator(PlanNode.TpchScan node, int shard, BufferAllocator allocator, int batchRows) {
    this.node = node;
    this.stream = TpchSource.open(node.table(), node.scaleFactor(), shard, node.shards(), allocator, batchRows);
  }

  @Override
  public Schema schema() {
    return node.schema();
  }

  @Override
  public Optional<VectorSchemaRoot> next() {
    Optional<VectorSchemaRoot> b = stream.next();
    b.ifPresent(batch -> metrics.addBatch(batch.getRowCount()));
    return b;
  }

  @Override
  public OperatorMetrics metrics() {
    return metrics;
  }

  @Override
  public void close() {
    stream.close();
  }
}
