package io.gleam.sql.planner;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How long each step of planning a query took.
 *
 * @param parse SQL text to a parse tree (zero when the caller parsed)
 * @param validate name resolution and type checking
 * @param convert the validated tree to relational algebra, views expanded
 * @param optimize sub-query removal, decorrelation, rewrites, join ordering and column pruning
 */
public record PlanningTimes(Duration parse, Duration validate, Duration convert, Duration optimize) {
  public PlanningTimes {
    requireNonNull(parse, "parse is null");
    requireNonNull(validate, "validate is null");
    requireNonNull(convert, "convert is null");
    requireNonNull(optimize, "optimize is null");
  }

  /** The sum of the steps. */
  public Duration total() {
    return parse.plus(validate).plus(convert).plus(optimize);
  }

  @Override
  public String toString() {
    return String.format("total=%.2fms [parse=%.2fms, validate=%.2fms, convert=%.2fms, optimize=%.2fms]",
        millis(total()), millis(parse), millis(validate), millis(convert), millis(optimize));
  }

  private static double millis(Duration d) {
    return d.toNanos() / 1e6;
  }
}
