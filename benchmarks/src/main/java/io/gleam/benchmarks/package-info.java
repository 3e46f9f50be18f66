/**
 * Benchmarks: a deterministic Zipf text corpus, an end-to-end word-count comparison of Gleam against a shell
 * pipeline and a plain Java loop, and JMH micro-benchmarks of the Lua bridge. See {@code docs/benchmarks.md}.
 */
package io.gleam.benchmarks;
