/** The local runner: runs a physical plan on threads in this JVM over Arrow batches. */
package io.gleam.exec;
