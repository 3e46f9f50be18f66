package io.gleam.connectors.memory;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * The process's one Arrow root allocator. Buffers can only be shared without copying between allocators under the
 * same root, so the runner's allocators and the tables of {@link MemoryTables} all descend from this one.
 */
public final class ProcessAllocator {
  private static final BufferAllocator ROOT = new RootAllocator();

  private ProcessAllocator() {}

  /** The root; callers make named child allocators of it and close them, never the root itself. */
  public static BufferAllocator root() {
    return ROOT;
  }
}
