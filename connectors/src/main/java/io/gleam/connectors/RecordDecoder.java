package io.gleam.connectors;

import java.io.IOException;
import org.apache.arrow.vector.VectorSchemaRoot;

/** Turns the records of a split, in one file format, into rows of a batch. One decoder per stream. */
abstract class RecordDecoder {
  /** Points the decoder at the vectors of a new batch, which have room for the batch's rows. */
  abstract void bind(VectorSchemaRoot batch);

  /**
   * Decodes records into rows {@code row, row + 1, ...} until {@code maxRows} rows are filled, the split has no
   * more records, or the split's position passes {@code stopPosition} (a byte budget for the batch).
   *
   * @return the row count after decoding; {@link SplitInput#finished()} tells whether the split has ended
   */
  abstract int decode(SplitInput in, int row, int maxRows, long stopPosition) throws IOException;

  /** Skips one record (a header); false if the split had none. */
  abstract boolean skipRecord(SplitInput in) throws IOException;
}
