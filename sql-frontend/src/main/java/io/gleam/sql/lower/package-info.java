/** Lowering of optimized Calcite relational trees to Gleam flows, and of row expressions to Gleam's expression IR. */
package io.gleam.sql.lower;
