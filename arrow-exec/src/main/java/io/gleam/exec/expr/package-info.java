/**
 * Expression evaluation over Arrow batches: {@link io.gleam.exec.expr.ExprCompiler} turns the planner's expression
 * IR into Java kernels (compiled with Janino, cached by the expressions' text) that loop over typed vectors, and
 * {@link io.gleam.exec.expr.ExprInterpreter} evaluates the same IR row by row over Java values, as the reference
 * and the fallback.
 */
package io.gleam.exec.expr;
