package io.gleam.planner.spi;

import java.util.Optional;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * A pull stream of Arrow record batches. Each batch returned by {@link #next()} belongs to the caller, who must
 * close it; the stream owns nothing it has handed out. Closing the stream releases what it still holds.
 */
public interface BatchStream extends AutoCloseable {
  Schema schema();

  /** The next batch, or empty at the end. */
  Optional<VectorSchemaRoot> next();

  @Override
  void close();
}
