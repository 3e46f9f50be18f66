/** Gleam flight-agent: reserved for a later capability (see ARCHITECTURE.md); it builds empty until then. */
package io.gleam.flight;
