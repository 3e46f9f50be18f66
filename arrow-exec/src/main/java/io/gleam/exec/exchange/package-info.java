/** In-memory exchanges between stages: bounded batch queues, the producer-side writer. */
package io.gleam.exec.exchange;
