package io.gleam.exec.memory;

import io.gleam.exec.operator.RowStream;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/** Merges sorted row streams into one sorted stream with a heap; ties keep the order of the streams. */
public final class KWayMerge implements RowStream {
  private record Head(Object[] row, int stream) {}

  private final List<RowStream> streams;
  private final PriorityQueue<Head> heap;
  private boolean started;

  public KWayMerge(List<RowStream> streams, Comparator<Object[]> order) {
    this.streams = List.copyOf(streams);
    this.heap = new PriorityQueue<>(Math.max(1, streams.size()),
        (a, b) -> {
          int c = order.compare(a.row, b.row);
          return c != 0 ? c : Integer.compare(a.stream, b.stream);
        });
  }

  @Override
  public Object[] nextRow() {
    if (!started) {
      started = true;
      for (int i = 0; i < streams.size(); i++) {
        Object[] r = streams.get(i).nextRow();
        if (r != null) {
          heap.add(new Head(r, i));
        }
      }
    }
    Head h = heap.poll();
    if (h == null) {
      return null;
    }
    Object[] next = streams.get(h.stream).nextRow();
    if (next != null) {
      heap.add(new Head(next, h.stream));
    }
    return h.row;
  }
}
