/** The physical plan: stages of fused operators cut at exchanges, as plain serializable data. */
package io.gleam.planner.plan;
