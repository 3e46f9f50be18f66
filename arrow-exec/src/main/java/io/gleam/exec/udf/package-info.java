/** User code compiled per task: Java functions by registered name and Lua functions. */
package io.gleam.exec.udf;
