/** The memory budget, reservations, and spilling to Arrow IPC files: external sort, k-way merge. */
package io.gleam.exec.memory;
