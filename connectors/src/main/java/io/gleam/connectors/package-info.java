/**
 * Sources and sinks over files: expanding paths into files and splitting them into shards by byte ranges
 * ({@link io.gleam.connectors.FileSplits}), reading text, CSV and TSV into Arrow batches
 * ({@link io.gleam.connectors.Sources}), and writing printf, CSV, TSV and text output
 * ({@link io.gleam.connectors.Sinks}).
 */
package io.gleam.connectors;
