/**
 * The scalar expression IR: column references, literals, operator calls, CASE and CAST, typed with Arrow types.
 * SQL row expressions become this IR in the physical plan; arrow-exec compiles it into vectorized kernels.
 */
package io.gleam.planner.expr;
