package io.gleam.connectors;

import java.io.IOException;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Decodes text files: one row per line, its bytes copied straight into the one string column after a UTF-8 check,
 * never decoded into Java strings.
 */
final class TextDecoder extends RecordDecoder {
  private final MalformedRows malformed;
  private VarCharVector lines;

  TextDecoder(MalformedRows malformed) {
    this.malformed = malformed;
  }

  @Override
  void bind(VectorSchemaRoot batch) {
    lines = (VarCharVector) batch.getVector(0);
  }

  @Override
  int decode(SplitInput in, int row, int maxRows, long stopPosition) throws IOException {
    int r = row;
    while (r < maxRows && in.position() < stopPosition && in.nextLine()) {
      byte[] b = in.buf();
      int start = in.lineStart();
      int end = in.lineEnd();
      int bad = Utf8Validator.firstInvalid(b, start, end);
      if (bad >= 0) {
        malformed.report(in.split(), in.lineOffset(), null,
            "invalid UTF-8 at byte " + (in.lineOffset() + bad - start));
        continue;
      }
      lines.setSafe(r++, b, start, end - start);
    }
    return r;
  }

  @Override
  boolean skipRecord(SplitInput in) throws IOException {
    return in.nextLine();
  }
}
