package io.gleam.planner.plan;

import static java.util.Objects.requireNonNull;

/**
 * The rows a windowed function sees for the current row: ROWS counts rows, RANGE counts peer groups (rows with
 * equal ORDER BY values), so {@code RANGE ... CURRENT ROW} ends at the current row's last peer.
 */
public record WindowFrame(Unit unit, Bound lower, Bound upper) {
  /** SQL's default with an ORDER BY: {@code RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW}. */
  public static final WindowFrame RUNNING = new WindowFrame(Unit.RANGE, Bound.unboundedPreceding(), Bound.currentRow());

  /** The whole partition: SQL's default without an ORDER BY. */
  public static final WindowFrame PARTITION = new WindowFrame(Unit.ROWS, Bound.unboundedPreceding(),
      Bound.unboundedFollowing());

  /** Whether offsets count rows or peer groups. */
  public enum Unit { ROWS, RANGE }

  /** Where a frame bound is, relative to the current row. */
  public enum BoundKind { UNBOUNDED_PRECEDING, PRECEDING, CURRENT_ROW, FOLLOWING, UNBOUNDED_FOLLOWING }

  /** One end of a frame; {@code offset} counts rows for PRECEDING and FOLLOWING, and is 0 otherwise. */
  public record Bound(BoundKind kind, long offset) {
    public Bound {
      requireNonNull(kind, "kind is null");
      if (offset < 0) {
        throw new IllegalArgumentException("frame offset is negative: " + offset);
      }
      if (kind != BoundKind.PRECEDING && kind != BoundKind.FOLLOWING && offset != 0) {
        throw new IllegalArgumentException(kind + " takes no offset, got " + offset);
      }
    }

    public static Bound unboundedPreceding() {
      return new Bound(BoundKind.UNBOUNDED_PRECEDING, 0);
    }

    public static Bound preceding(long n) {
      return new Bound(BoundKind.PRECEDING, n);
    }

    public static Bound currentRow() {
      return new Bound(BoundKind.CURRENT_ROW, 0);
    }

    public static Bound following(long n) {
      return new Bound(BoundKind.FOLLOWING, n);
    }

    public static Bound unboundedFollowing() {
      return new Bound(BoundKind.UNBOUNDED_FOLLOWING, 0);
    }

    @Override
    public String toString() {
      return switch (kind) {
        case UNBOUNDED_PRECEDING -> "UNBOUNDED PRECEDING";
        case PRECEDING -> offset + " PRECEDING";
        case CURRENT_ROW -> "CURRENT ROW";
        case FOLLOWING -> offset + " FOLLOWING";
        case UNBOUNDED_FOLLOWING -> "UNBOUNDED FOLLOWING";
      };
    }
  }

  public WindowFrame {
    requireNonNull(unit, "unit is null");
    requireNonNull(lower, "lower is null");
    requireNonNull(upper, "upper is null");
    if (lower.kind() == BoundKind.UNBOUNDED_FOLLOWING || upper.kind() == BoundKind.UNBOUNDED_PRECEDING) {
      throw new IllegalArgumentException("frame " + lower + " .. " + upper + " is not valid");
    }
    if (unit == Unit.RANGE && (lower.offset() != 0 || upper.offset() != 0)) {
      throw new IllegalArgumentException("RANGE frames with an offset are not supported: " + lower + " .. " + upper);
    }
  }

  @Override
  public String toString() {
    return unit + " " + lower + " .. " + upper;
  }
}
