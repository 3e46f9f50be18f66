package io.gleam.planner.spi;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Optional;

/** Where a flow's rows end up. Plain data: a sink names its target, the runner opens it. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = SinkSpec.Printf.class, name = "printf"),
    @JsonSubTypes.Type(value = SinkSpec.WriteFiles.class, name = "write"),
    @JsonSubTypes.Type(value = SinkSpec.Collect.class, name = "collect"),
    @JsonSubTypes.Type(value = SinkSpec.ForEach.class, name = "forEach")})
public sealed interface SinkSpec {
  String describe();

  /**
   * Formats each row with a {@code java.util.Formatter} pattern such as {@code "%s\t%d\n"}, to standard output
   * (no path) or to a file.
   */
  record Printf(String format, Optional<String> path) implements SinkSpec {
    public Printf {
      requireNonNull(format, "format is null");
      requireNonNull(path, "path is null");
    }

    @Override
    public String describe() {
      return "printf(" + format.replace("\n", "\\n").replace("\t", "\\t") + ")" + path.map(p -> " > " + p).orElse("");
    }
  }

  /**
   * Writes CSV, TSV, text, JSON lines or Arrow IPC: one file when {@code directory} is false (all partitions in
   * order), else a directory of part files, one per partition. {@link SourceFormat#MEMORY} appends the batches to
   * the in-process table whose id is {@code path} instead.
   */
  record WriteFiles(SourceFormat format, String path, boolean directory, boolean header) implements SinkSpec {
    public WriteFiles {
      requireNonNull(format, "format is null");
      requireNonNull(path, "path is null");
    }

    @Override
    public String describe() {
      return "write " + format.name().toLowerCase() + (directory ? " dir " : " file ") + path;
    }
  }

  /** Collects rows into a list the run returns under {@code id}. */
  record Collect(String id) implements SinkSpec {
    public Collect {
      requireNonNull(id, "id is null");
    }

    @Override
    public String describe() {
      return "collect(" + id + ")";
    }
  }

  /** Calls a registered {@link io.gleam.planner.fn.RowConsumer} for every row, one call at a time. */
  record ForEach(String function) implements SinkSpec {
    public ForEach {
      requireNonNull(function, "function is null");
    }

    @Override
    public String describe() {
      return "forEach(java:" + function + ")";
    }
  }
}
