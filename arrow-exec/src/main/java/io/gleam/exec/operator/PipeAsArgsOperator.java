package io.gleam.exec.operator;

import io.gleam.exec.RunContext;
import io.gleam.exec.rows.RowInput;
import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.planner.plan.PlanNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one process per input row: {@code $1}, {@code $2}, ... in the command become the row's fields, quoted for
 * the shell; the process's stdout lines become rows of the declared schema. A non-zero exit fails the step with
 * the command as run, the code and the stderr tail.
 */
public final class PipeAsArgsOperator extends RowOperator {
  private static final Pattern ARG = Pattern.compile("\\$(\\d+)");

  private final PlanNode.PipeAsArgs node;
  private final Operator input;
  private final RowInput rows;
  private final RunContext context;
  private final PipeLineParser parser;
  private PipeProcess current;
  private String currentCommand;

  public PipeAsArgsOperator(PlanNode.PipeAsArgs node, Operator input, RunContext context) {
    super(node.schema(), context.allocator(), context.options().batchRows());
    this.node = node;
    this.input = input;
    this.rows = new RowInput(input);
    this.context = context;
    this.parser = new PipeLineParser(node.schema());
  }

  @Override
  public Object[] nextRow() {
    while (true) {
      if (current == null) {
        Object[] row = rows.nextRow();
        if (row == null) {
          return null;
        }
        context.checkCancelled();
        currentCommand = substitute(node.command(), row);
        current = new PipeProcess(node.step(), currentCommand);
        context.addCancelHook(current);
        current.process().getOutputStream();
        try {
          current.process().getOutputStream().close();
        } catch (java.io.IOException e) {
          // stdin of a process that already exited
        }
      }
      String line = current.readLine(context.slots());
      if (line != null) {
        return parse(line);
      }
      try {
        current.awaitSuccess(context.slots());
      } finally {
        context.removeCancelHook(current);
        current.close();
        current = null;
      }
    }
  }

  static String substitute(String command, Object[] row) {
    Matcher m = ARG.matcher(command);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      int i = Integer.parseInt(m.group(1));
      String value = i >= 1 && i <= row.length && row[i - 1] != null ? row[i - 1].toString() : "";
      m.appendReplacement(sb, Matcher.quoteReplacement("'" + value.replace("'", "'\\''") + "'"));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private Object[] parse(String line) {
    return parser.parse(line, () -> String.format("pipeAsArgs step '%s' command '%s'", node.step(), currentCommand));
  }


  @Override
  public void close() {
    if (current != null) {
      context.removeCancelHook(current);
      current.close();
    }
    rows.release();
    input.close();
    super.close();
  }
}
