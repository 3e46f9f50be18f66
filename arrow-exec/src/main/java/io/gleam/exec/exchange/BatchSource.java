package io.gleam.exec.exchange;

import io.gleam.exec.ComputeSlots;
import org.apache.arrow.vector.VectorSchemaRoot;

/** What one reader of an exchange partition takes batches from: a queue, or its cursor over a shared log. */
public interface BatchSource {
  /**
   * The next batch, which the caller then owns, or null when one producer's stream ended. Waits without holding a
   * compute slot.
   */
  VectorSchemaRoot take(ComputeSlots slots);

  /** The reader needs no more batches: what it has not read is freed, and producers no longer wait for it. */
  void abandon();
}
