/** User code in a flow: Java functional interfaces, their registry, and the plain-data references plans carry. */
package io.gleam.planner.fn;
