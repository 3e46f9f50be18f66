/** Java rows inside operators: batch building, comparison, keys, size estimates, the pipe text format. */
package io.gleam.exec.rows;
