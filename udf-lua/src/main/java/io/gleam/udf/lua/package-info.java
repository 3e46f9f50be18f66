/**
 * Lua user functions: Lua source is compiled once to JVM bytecode (LuaJ's luajc), instantiated with its own
 * sandboxed globals per task, and called per row with Java values ({@link io.gleam.udf.lua.CompiledLuaFunction#call})
 * or, on hot paths, with Lua values made straight from Arrow bytes ({@link io.gleam.udf.lua.LuaValues}).
 */
package io.gleam.udf.lua;
