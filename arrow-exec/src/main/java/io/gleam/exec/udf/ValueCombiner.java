package io.gleam.exec.udf;

/** A user reducer compiled for one task: combines the value columns of two rows of the same key. */
@FunctionalInterface
public interface ValueCombiner {
  Object[] combine(Object[] left, Object[] right);
}
