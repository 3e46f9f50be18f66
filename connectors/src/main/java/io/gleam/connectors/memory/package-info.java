/**
 * Arrow data held in this process: the process's root allocator, tables of Arrow batches registered by id, and
 * the source and sink that read and fill them without copying.
 */
package io.gleam.connectors.memory;
