package io.gleam.connectors.memory;

import static java.util.Objects.requireNonNull;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The process's registry of {@link MemoryTable}s by id, through which a plan (plain data) names a table held in
 * memory: a {@code MEMORY} source or sink carries the id as its path. Whoever registers a table owns it, and
 * unregisters and closes it.
 */
public final class MemoryTables {
  private static final Map<String, MemoryTable> TABLES = new ConcurrentHashMap<>();

  private MemoryTables() {}

  /** Registers {@code table} under its id; fails if the id is taken. */
  public static void register(MemoryTable table) {
    requireNonNull(table, "table is null");
    if (TABLES.putIfAbsent(table.id(), table) != null) {
      throw new GleamException(ErrorCode.INTERNAL, "a table with id " + table.id() + " is already registered");
    }
  }

  /** Removes the table registered as {@code id}, if any; it is not closed. */
  public static void unregister(String id) {
    TABLES.remove(requireNonNull(id, "id is null"));
  }

  /** The table registered as {@code id}; fails with {@link ErrorCode#INVALID_FLOW} naming the id if none is. */
  public static MemoryTable get(String id) {
    MemoryTable table = TABLES.get(requireNonNull(id, "id is null"));
    if (table == null) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "no in-memory table with id '%s' in this process "
          + "(a memory source runs only on the local runner of the process that holds the table)", id);
    }
    return table;
  }
}
