package io.gleam.exec.udf;

import java.util.function.Consumer;

/** A row-wise step compiled for one task: a map, flatMap or filter, Java or Lua. */
@FunctionalInterface
public interface RowTransform {
  void apply(Object[] row, Consumer<Object[]> out);
}
