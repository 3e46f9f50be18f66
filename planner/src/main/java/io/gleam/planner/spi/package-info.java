/** What the flow model shares with the modules that run it: source and sink specs, batch streams, the runner SPI. */
package io.gleam.planner.spi;
