package io.gleam.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * CPU time used so far by this JVM (all its threads, GC and JIT included) plus the child processes it has waited
 * for, such as a shell pipeline. On a shared machine CPU time varies less than elapsed time, so it tells whether a
 * slow run was slow or only waited for a core. Children's time comes from Linux's {@code /proc/self/stat}
 * ({@code cutime + cstime}, in clock ticks of 10 ms).
 */
final class CpuClock {
  private static final Path PROC_SELF_STAT = Path.of("/proc/self/stat");
  private static final long NANOS_PER_TICK = 10_000_000L;
  /** Fields 16 and 17 of /proc/PID/stat, counted from field 3 (the first after the command in parentheses). */
  private static final int CUTIME_INDEX = 16 - 3;
  private static final int CSTIME_INDEX = 17 - 3;

  private CpuClock() {}

  /** Nanoseconds of CPU used by this JVM and its waited-for children, or empty where that cannot be read. */
  static OptionalLong nanos() {
    if (!(ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os)) {
      return OptionalLong.empty();
    }
    long process = os.getProcessCpuTime();
    if (process < 0) {
      return OptionalLong.empty();
    }
    try {
      String stat = Files.readString(PROC_SELF_STAT);
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
      long children = Long.parseLong(fields[CUTIME_INDEX]) + Long.parseLong(fields[CSTIME_INDEX]);
      return OptionalLong.of(process + children * NANOS_PER_TICK);
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty();
    }
  }
}
