package io.gleam.cli;

import java.io.PrintStream;

/** A runnable example flow of the {@code gleam example} command. */
public interface Example {
  void run(ExampleArgs args, PrintStream out);
}
