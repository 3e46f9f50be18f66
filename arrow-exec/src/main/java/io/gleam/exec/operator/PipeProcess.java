package io.gleam.exec.operator;

import io.gleam.exec.ComputeSlots;
import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * One child process of a pipe step, run with {@code sh -c}: its stdout as lines, its stderr drained by a thread
 * that keeps the tail for error messages. {@link #close()} kills it and its descendants if still running.
 */
final class PipeProcess implements AutoCloseable {
  private static final int STDERR_TAIL = 2000;

  private final String step;
  private final String command;
  private final Process process;
  private final BufferedReader stdout;
  private final Thread stderrDrain;
  private final StringBuilder stderrTail = new StringBuilder();

  PipeProcess(String step, String command) {
    this.step = step;
    this.command = command;
    try {
      this.process = (SETSID ? new ProcessBuilder("setsid", "sh", "-c", command)
          : new ProcessBuilder("sh", "-c", command)).start();
    } catch (IOException e) {
      throw new GleamException(ErrorCode.PIPE_FAILED,
          "pipe step '" + step + "': cannot start command '" + command + "': " + e.getMessage(), e);
    }
    this.stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8), 1 << 16);
    this.stderrDrain = new Thread(this::drainStderr, "gleam-pipe-stderr-" + step);
    stderrDrain.setDaemon(true);
    stderrDrain.start();
  }

  Process process() {
    return process;
  }

  /**
   * The next stdout line, or null at its end. When no output is ready the task gives its compute slot up while it
   * waits, since the process may be waiting for input that other tasks produce.
   */
  String readLine(ComputeSlots slots) {
    try {
      if (stdout.ready()) {
        return stdout.readLine();
      }
      return slots.blocking(() -> {
        try {
          return stdout.readLine();
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GleamException(ErrorCode.CANCELLED, "pipe step '" + step + "' interrupted");
    } catch (java.io.UncheckedIOException | IOException e) {
      throw new GleamException(ErrorCode.PIPE_FAILED,
          "pipe step '" + step + "': cannot read output of '" + command + "': " + e.getMessage(), e);
    }
  }

  /** Waits for the exit; a non-zero exit fails with the command, the code and the tail of stderr. */
  void awaitSuccess(ComputeSlots slots) {
    try {
      int code = slots.blocking(process::waitFor);
      stderrDrain.join(2000);
      exitedCleanly = code == 0;
      if (code != 0) {
        throw new GleamException(ErrorCode.PIPE_FAILED, "pipe step '" + step + "': command '" + command
            + "' exited with code " + code + stderrSuffix());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GleamException(ErrorCode.CANCELLED, "pipe step '" + step + "' interrupted");
    }
  }

  String stderrSuffix() {
    synchronized (stderrTail) {
      String tail = stderrTail.toString().strip();
      return tail.isEmpty() ? "" : "; stderr: " + tail;
    }
  }

  private void drainStderr() {
    try (InputStream err = process.getErrorStream()) {
      byte[] buf = new byte[4096];
      int n;
      while ((n = err.read(buf)) > 0) {
        synchronized (stderrTail) {
          stderrTail.append(new String(buf, 0, n, StandardCharsets.UTF_8));
          if (stderrTail.length() > STDERR_TAIL) {
            stderrTail.delete(0, stderrTail.length() - STDERR_TAIL);
          }
        }
      }
    } catch (IOException e) {
      // The process is gone; what was read so far is the tail.
    }
  }

  /**
   * With {@code setsid} the command runs as the leader of its own process group, so killing the group reaches
   * every process it started, even one started after we looked (as {@code cat; sleep 120} does).
   */
  private static final boolean SETSID = Files.isExecutable(Path.of("/usr/bin/setsid"));

  private volatile boolean exitedCleanly;

  @Override
  public void close() {
    if (SETSID && !exitedCleanly) {
      killGroup();
    }
    if (process.isAlive()) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      try {
        process.waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      stdout.close();
    } catch (IOException e) {
      // Closing a dead process's pipe: nothing more to release.
    }
  }

  private void killGroup() {
    try {
      Process kill = new ProcessBuilder("kill", "-KILL", "--", "-" + process.pid())
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      kill.waitFor(5, TimeUnit.SECONDS);
    } catch (IOException e) {
      // No kill command: the descendants are killed one by one below.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
