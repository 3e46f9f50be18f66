package io.gleam.connectors;

import io.gleam.planner.spi.BatchStream;

/** A {@link BatchStream} over one shard of a file source, with the metrics of what it has read. */
public interface SourceStream extends BatchStream {
  /** Live metrics: they grow as batches are read. */
  SourceMetrics metrics();
}
