package io.gleam.connectors;

import static java.util.Objects.requireNonNull;

import io.gleam.connectors.memory.MemoryTableWriter;
import io.gleam.connectors.memory.MemoryTables;
import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.planner.spi.SinkSpec;
import io.gleam.planner.spi.SourceFormat;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Opens the writer of one partition of a file sink: {@link SinkSpec.Printf} (a {@link java.util.Formatter} pattern
 * per row, to standard output or a file) and {@link SinkSpec.WriteFiles} (CSV, TSV or text; one file, or a
 * directory of {@code part-00000.csv} files, one per partition; also JSON lines and Arrow IPC files), and
 * {@code WriteFiles} to {@link SourceFormat#MEMORY} (appends to an in-process table). Collect and forEach sinks belong to the runner.
 *
 * <p>A single output file (printf with a path, or {@code WriteFiles} with {@code directory=false}) must be written
 * by one partition: the runner merges to one partition first. Writes happen on the caller's thread.
 */
public final class Sinks {
  private Sinks() {}

  /**
   * Prepares a sink's output once per run, before any partition opens: creates the directory (or the parent
   * directory of a file), and removes {@code part-NNNNN} files that an earlier run left in an output directory.
   * Opening a partition creates what it needs anyway; this step only matters for stale part files.
   */
  public static void prepare(SinkSpec spec) {
    requireNonNull(spec, "spec is null");
    if (spec instanceof SinkSpec.WriteFiles w && w.format() == SourceFormat.MEMORY) {
      MemoryTables.get(w.path());
    } else if (spec instanceof SinkSpec.WriteFiles w && w.directory()) {
      Path dir = Paths.get(w.path());
      try {
        Files.createDirectories(dir);
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(dir, "part-[0-9][0-9][0-9][0-9][0-9]*."
            + extension(w.format()))) {
          for (Path part : parts) {
            Files.delete(part);
          }
        }
      } catch (IOException e) {
        throw outputFailed(dir, e);
      }
    } else if (spec instanceof SinkSpec.WriteFiles w) {
      createParentOrFail(Paths.get(w.path()));
    } else if (spec instanceof SinkSpec.Printf p && p.path().isPresent()) {
      createParentOrFail(Paths.get(p.path().get()));
    }
  }

  /**
   * Opens the writer of partition {@code partition} (0-based) for rows of {@code schema}. Files are created (or
   * truncated) now. A printf pattern that cannot format rows of the schema fails here with
   * {@link ErrorCode#INVALID_FLOW}; I/O failures are {@link ErrorCode#OUTPUT_FAILED}, naming the path.
   */
  public static BatchWriter open(SinkSpec spec, int partition, Schema schema) {
    requireNonNull(spec, "spec is null");
    requireNonNull(schema, "schema is null");
    if (partition < 0) {
      throw new GleamException(ErrorCode.INTERNAL, "partition must be at least 0, got " + partition);
    }
    if (spec instanceof SinkSpec.Printf p) {
      return PrintfWriter.open(p.format(), schema, p.path().map(Paths::get).orElse(null));
    }
    if (spec instanceof SinkSpec.WriteFiles w && w.format() == SourceFormat.MEMORY) {
      return new MemoryTableWriter(MemoryTables.get(w.path()));
    }
    if (spec instanceof SinkSpec.WriteFiles w) {
      Path path = w.directory() ? partFile(w, partition) : Paths.get(w.path());
      if (w.format() == SourceFormat.ARROW) {
        return ArrowIpcFileWriter.open(path, schema);
      }
      return DelimitedFileWriter.open(path, w.format(), schema, w.header());
    }
    throw new GleamException(ErrorCode.INTERNAL, "sink '" + spec.describe()
        + "' is not a file sink; the runner handles it");
  }

  /** The file that partition {@code partition} of a directory sink writes, e.g. {@code out/part-00003.csv}. */
  static Path partFile(SinkSpec.WriteFiles spec, int partition) {
    return Paths.get(spec.path()).resolve(String.format(Locale.ROOT, "part-%05d.%s", partition,
        extension(spec.format())));
  }

  private static String extension(SourceFormat format) {
    return switch (format) {
      case CSV -> "csv";
      case TSV -> "tsv";
      case TEXT -> "txt";
      case JSONL -> "jsonl";
      case ARROW -> "arrow";
      case MEMORY -> throw new GleamException(ErrorCode.INTERNAL, "a memory table has no files");
    };
  }

  static void createParent(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      Files.createDirectories(parent);
    }
  }

  private static void createParentOrFail(Path file) {
    try {
      createParent(file);
    } catch (IOException e) {
      throw outputFailed(file, e);
    }
  }

  static GleamException outputFailed(Path path, IOException e) {
    return new GleamException(ErrorCode.OUTPUT_FAILED, "cannot write '" + path + "': " + e, e);
  }
}
