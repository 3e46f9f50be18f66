/** Operators: the runtime state of plan nodes within one task, pulling Arrow batches or rows from their inputs. */
package io.gleam.exec.operator;
