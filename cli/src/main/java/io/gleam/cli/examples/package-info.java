/** Example flows written as a user would write them, runnable with {@code gleam example NAME}. */
package io.gleam.cli.examples;
