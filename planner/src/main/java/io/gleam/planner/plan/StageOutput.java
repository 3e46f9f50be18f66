package io.gleam.planner.plan;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * Where a stage's tasks send their rows: an exchange to the next stage (hash, broadcast, merge, range, or shared by
 * several readers), or nowhere (the stage ends in a sink).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = StageOutput.Hash.class, name = "hash"),
    @JsonSubTypes.Type(value = StageOutput.Broadcast.class, name = "broadcast"),
    @JsonSubTypes.Type(value = StageOutput.Merge.class, name = "merge"),
    @JsonSubTypes.Type(value = StageOutput.Range.class, name = "range"),
    @JsonSubTypes.Type(value = StageOutput.Shared.class, name = "shared"),
    @JsonSubTypes.Type(value = StageOutput.Result.class, name = "result")})
public sealed interface StageOutput {
  /** Partitions of the consuming stage. */
  int targetPartitions();

  String describe();

  /** Hash-partitions rows by key columns into {@code partitions}; no keys means round-robin. */
  record Hash(int[] keys, int partitions) implements StageOutput {
    public Hash {
      keys = keys.clone();
    }

    @Override
    public int targetPartitions() {
      return partitions;
    }

    @Override
    public String describe() {
      return keys.length == 0 ? "round-robin(" + partitions + ")"
          : "hash(" + PlanNode.columnList(keys) + ", " + partitions + ")";
    }
  }

  /** Sends every row to each of {@code partitions}. */
  record Broadcast(int partitions) implements StageOutput {
    @Override
    public int targetPartitions() {
      return partitions;
    }

    @Override
    public String describe() {
      return "broadcast(" + partitions + ")";
    }
  }

  /** Gathers all partitions into one; with an order, a streaming k-way merge of sorted partitions. */
  record Merge(List<SortKey> order) implements StageOutput {
    public Merge {
      order = List.copyOf(requireNonNull(order, "order is null"));
    }

    @Override
    public int targetPartitions() {
      return 1;
    }

    @Override
    public String describe() {
      return order.isEmpty() ? "gather" : "merge" + order;
    }
  }

  /** Range-partitions rows by {@code order} into {@code partitions}, boundaries sampled at run time. */
  record Range(List<SortKey> order, int partitions) implements StageOutput {
    public Range {
      order = List.copyOf(requireNonNull(order, "order is null"));
      if (order.isEmpty()) {
        throw new IllegalArgumentException("range output needs a sort order");
      }
      if (partitions < 1) {
        throw new IllegalArgumentException("range output has " + partitions + " partitions");
      }
    }

    @Override
    public int targetPartitions() {
      return partitions;
    }

    @Override
    public String describe() {
      return "range(" + order + ", " + partitions + ")";
    }
  }

  /**
   * Keeps each partition for {@code readers} consumers: partition {@code p} of the consuming stages reads the whole
   * stream of producer {@code p}, once per reader, so a dataset several steps read is computed once. Readers go at
   * their own pace (a join reads its build side to the end before its probe side); what a slow reader has not read
   * yet is buffered within the memory budget and spilled beyond it.
   */
  record Shared(int partitions, int readers) implements StageOutput {
    public Shared {
      if (partitions < 1) {
        throw new IllegalArgumentException("shared output has " + partitions + " partitions");
      }
      if (readers < 2) {
        throw new IllegalArgumentException("shared output has " + readers + " readers; it needs two or more");
      }
    }

    @Override
    public int targetPartitions() {
      return partitions;
    }

    @Override
    public String describe() {
      return "shared(" + partitions + ", readers=" + readers + ")";
    }
  }

  /** The stage ends in a sink; nothing flows on. */
  record Result() implements StageOutput {
    @Override
    public int targetPartitions() {
      return 0;
    }

    @Override
    public String describe() {
      return "result";
    }
  }
}
