package io.gleam.connectors;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import java.io.PrintStream;

/**
 * The process's standard output as shared by printf sinks: each write is a whole chunk of complete lines, made
 * under one lock, so lines of concurrent partitions never interleave. Writers buffer their own text and write it
 * here in large chunks. This is the one place the connectors write to standard output, because the user asked for
 * printf output there.
 */
final class ConsoleOutput {
  private static final Object LOCK = new Object();

  private ConsoleOutput() {}

  static void write(byte[] bytes, int offset, int length) {
    synchronized (LOCK) {
      PrintStream out = System.out;
      out.write(bytes, offset, length);
      if (out.checkError()) {
        throw new GleamException(ErrorCode.OUTPUT_FAILED, "cannot write to standard output");
      }
    }
  }

  static void flush() {
    synchronized (LOCK) {
      PrintStream out = System.out;
      out.flush();
      if (out.checkError()) {
        throw new GleamException(ErrorCode.OUTPUT_FAILED, "cannot write to standard output");
      }
    }
  }
}
