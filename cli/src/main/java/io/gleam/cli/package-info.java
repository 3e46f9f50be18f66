/** The {@code gleam} command line. */
package io.gleam.cli;
