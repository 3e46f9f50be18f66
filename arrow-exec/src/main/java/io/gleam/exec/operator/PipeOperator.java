package io.gleam.exec.operator;

import io.gleam.exec.RunContext;
import io.gleam.exec.rows.RowInput;
import io.gleam.exec.rows.TextValues;
import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.planner.plan.PlanNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Streams one partition through one process of a command: a writer thread feeds the input rows to its stdin as
 * tab-separated lines, the task thread reads its stdout lines back as rows of the declared schema (the last column
 * takes the rest of the line). A non-zero exit fails the step with the command, the code and the stderr tail; the
 * process is killed if the task ends early. Memory: the pipe buffers.
 */
public final class PipeOperator extends RowOperator {
  private final PlanNode.Pipe node;
  private final Operator input;
  private final RunContext context;
  private final PipeLineParser parser;
  private final AtomicReference<Throwable> writerFailure = new AtomicReference<>();
  private PipeProcess process;
  private Thread writer;
  private long lineNumber;
  private boolean done;

  public PipeOperator(PlanNode.Pipe node, Operator input, RunContext context) {
    super(node.schema(), context.allocator(), context.options().batchRows());
    this.node = node;
    this.input = input;
    this.context = context;
    this.parser = new PipeLineParser(node.schema());
  }

  private void start() {
    process = new PipeProcess(node.step(), node.command());
    context.addCancelHook(process);
    writer = new Thread(this::feed, "gleam-pipe-writer-" + node.step());
    writer.setDaemon(true);
    writer.start();
  }

  private void feed() {
    RowInput rows = new RowInput(input);
    try (BufferedWriter out = new BufferedWriter(
        new OutputStreamWriter(process.process().getOutputStream(), StandardCharsets.UTF_8), 1 << 16)) {
      StringBuilder line = new StringBuilder();
      Object[] row;
      while ((row = rows.nextRow()) != null) {
        line.setLength(0);
        for (int c = 0; c < row.length; c++) {
          if (c > 0) {
            line.append('\t');
          }
          TextValues.append(line, row[c]);
        }
        line.append('\n');
        out.append(line);
      }
    } catch (IOException e) {
      // The command closed its stdin early (as `head` does); its exit code decides success.
    } catch (Throwable t) {
      writerFailure.set(t);
      process.close();
    } finally {
      rows.release();
    }
  }

  @Override
  public Object[] nextRow() {
    if (done) {
      return null;
    }
    if (process == null) {
      start();
    }
    String line = process.readLine(context.slots());
    if (line == null) {
      done = true;
      joinWriter();
      Throwable upstream = writerFailure.get();
      if (upstream != null) {
        throw upstream instanceof RuntimeException r ? r : new GleamException(ErrorCode.INTERNAL, upstream.toString(), upstream);
      }
      process.awaitSuccess(context.slots());
      return null;
    }
    lineNumber++;
    if ((lineNumber & 0xFFFF) == 0) {
      context.checkCancelled();
    }
    return parse(line);
  }

  private Object[] parse(String line) {
    return parser.parse(line, () -> String.format("pipe step '%s' command '%s' output line %d", node.step(), node.command(), lineNumber));
  }



  private void joinWriter() {
    try {
      writer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GleamException(ErrorCode.CANCELLED, "pipe step '" + node.step() + "' interrupted");
    }
  }

  @Override
  public void close() {
    if (process != null) {
      context.removeCancelHook(process);
      process.close();
      writer.interrupt();
      try {
        writer.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    input.close();
    super.close();
  }
}
