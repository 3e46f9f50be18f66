package io.gleam.exec.exchange;

import io.gleam.exec.ComputeSlots;
import io.gleam.exec.memory.MemoryReservation;
import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ReadChannel;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Schema;
import org.slf4j.LoggerFactory;

/**
 * An append-only log of batches that several readers each read in full, every one at its own pace.
 *
 * <p>Algorithm: a batch appended is unloaded into an {@link ArrowRecordBatch} that holds its buffers; a reader
 * loads those buffers into a batch of its own (zero copy: the buffers are reference counted), and a batch leaves the
 * log once every reader still reading has passed it. Memory: up to {@code unreservedBatches} batches are held
 * without asking the budget (what a bounded exchange queue would hold); beyond that each batch reserves its bytes,
 * and a refused reservation spills the batch to one Arrow IPC file per log (record batch messages, each read back
 * by its offset), so a reader that lags far behind, like the probe side of a self-join while the build side is
 * read, costs disk rather than memory and nothing deadlocks. The file is deleted when every reader is done.
 *
 * <p>Back pressure: with {@code blockAtLag} above zero, a producer waits (without its compute slot) while every
 * reader still reading has at least that many batches unread, i.e. only when all readers are slower than it; a
 * reader that is waiting on something else never blocks the producer, which then buffers or spills instead.
 */
public final class SharedBatchLog {
  private final String name;
  private final int unreservedBatches;
  private final int blockAtLag;
  private final MemoryReservation reservation;
  private final Path spillDirectory;
  private final BufferAllocator allocator;
  // Entries from index head on are the log from position base on; the slots before head are freed.
  private final ArrayList<Entry> entries = new ArrayList<>();
  private int head;
  private final long[] cursors;
  private final boolean[] reading;
  private final FileChannel[] readChannels;
  private long base;
  private int unreservedHeld;
  private Schema schema;
  private Path spillPath;
  private FileChannel spillChannel;
  private WriteChannel spillWriter;
  private long spilledBatches;
  private long spilledBytes;
  private boolean cancelled;
  private boolean ended;

  /** A batch in memory (with the bytes it reserved, 0 if it did not), a batch in the spill file, or a stream end. */
  private sealed interface Entry permits InMemory, Spilled, End {}

  private record InMemory(ArrowRecordBatch batch, long reserved) implements Entry {}

  private record Spilled(ArrowBlock block) implements Entry {}

  private record End() implements Entry {}

  private SharedBatchLog(Builder b) {
    this.name = b.name;
    this.unreservedBatches = b.unreservedBatches;
    this.blockAtLag = b.blockAtLag;
    this.reservation = b.reservation;
    this.spillDirectory = b.spillDirectory;
    this.allocator = b.allocator;
    this.cursors = new long[b.readers];
    this.reading = new boolean[b.readers];
    this.readChannels = new FileChannel[b.readers];
    Arrays.fill(reading, true);
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Appends a batch, taking ownership of it; may wait while every reader lags (see the class comment). */
  public void put(VectorSchemaRoot batch, ComputeSlots slots) {
    try {
      if (mustWait()) {
        slots.blocking(() -> {
          synchronized (this) {
            while (mustWait()) {
              wait(50);
            }
          }
          return null;
        });
      }
    } catch (InterruptedException e) {
      batch.close();
      Thread.currentThread().interrupt();
      throw new GleamException(ErrorCode.CANCELLED, "interrupted writing to exchange " + name);
    }
    synchronized (this) {
      if (cancelled) {
        batch.close();
        throw new GleamException(ErrorCode.CANCELLED, "exchange " + name + " was cancelled");
      }
      if (readersLeft() == 0) {
        batch.close();
        return;
      }
      if (schema == null) {
        schema = batch.getSchema();
      }
      ArrowRecordBatch unloaded;
      try (batch) {
        unloaded = new VectorUnloader(batch).getRecordBatch();
      }
      entries.add(hold(unloaded));
      notifyAll();
    }
  }

  /** Ends the stream of the producer writing this log. */
  public synchronized void putEnd() {
    if (!cancelled) {
      ended = true;
      entries.add(new End());
      notifyAll();
    }
  }

  private synchronized boolean mustWait() {
    if (blockAtLag <= 0 || cancelled || readersLeft() == 0) {
      return false;
    }
    long end = base + size();
    for (int r = 0; r < cursors.length; r++) {
      if (reading[r] && end - cursors[r] < blockAtLag) {
        return false;
      }
    }
    return true;
  }

  private Entry hold(ArrowRecordBatch batch) {
    long bytes = batch.computeBodyLength();
    if (unreservedHeld < unreservedBatches) {
      unreservedHeld++;
      return new InMemory(batch, 0);
    }
    if (reservation.tryGrow(bytes)) {
      return new InMemory(batch, bytes);
    }
    try (batch) {
      return new Spilled(spill(batch));
    }
  }

  private ArrowBlock spill(ArrowRecordBatch batch) {
    try {
      if (spillWriter == null) {
        Files.createDirectories(spillDirectory);
        spillPath = Files.createTempFile(spillDirectory, "gleam-spill-" + name.replaceAll("[^A-Za-z0-9]+", "-"),
            ".arrows");
        spillChannel = FileChannel.open(spillPath, StandardOpenOption.WRITE);
        spillWriter = new WriteChannel(spillChannel);
      }
      ArrowBlock block = MessageSerializer.serialize(spillWriter, batch);
      spilledBatches++;
      spilledBytes += block.getMetadataLength() + block.getBodyLength();
      return block;
    } catch (IOException e) {
      throw new GleamException(ErrorCode.EXCEEDED_MEMORY, "cannot spill exchange " + name + " to "
          + (spillPath == null ? spillDirectory : spillPath) + ": " + e.getMessage(), e);
    }
  }

  /** The source that reader {@code reader} takes its batches from. */
  public BatchSource reader(int reader) {
    if (reader < 0 || reader >= cursors.length) {
      throw new GleamException(ErrorCode.INTERNAL, "exchange " + name + " has " + cursors.length
          + " readers, not reader " + reader);
    }
    return new BatchSource() {
      @Override
      public VectorSchemaRoot take(ComputeSlots slots) {
        return SharedBatchLog.this.take(reader, slots);
      }

      @Override
      public void abandon() {
        SharedBatchLog.this.abandon(reader);
      }
    };
  }

  VectorSchemaRoot take(int reader, ComputeSlots slots) {
    Next next = next(reader);
    if (next == null) {
      try {
        next = slots.blocking(() -> {
          while (true) {
            Next n = next(reader);
            if (n != null) {
              return n;
            }
            synchronized (this) {
              if (cancelled) {
                return null;
              }
              if (cursors[reader] >= base + size()) {
                wait(50);
              }
            }
          }
        });
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new GleamException(ErrorCode.CANCELLED, "interrupted reading exchange " + name);
      }
      if (next == null) {
        throw new GleamException(ErrorCode.CANCELLED, "exchange " + name + " was cancelled");
      }
    }
    return next.batch();
  }

  /**
   * Without waiting: the next batch for {@code reader}, or null when there is none yet or the reader just passed a
   * stream end.
   */
  public VectorSchemaRoot poll(int reader) {
    Next next = next(reader);
    return next == null ? null : next.batch();
  }

  /** What a reader got: a batch, or (batch null) a stream end. */
  private record Next(VectorSchemaRoot batch) {}

  /** The reader's next entry, or null when nothing is there yet or the log was cancelled. */
  private Next next(int reader) {
    Spilled spilled;
    synchronized (this) {
      long cursor = cursors[reader];
      if (cancelled || cursor >= base + size()) {
        return null;
      }
      Entry e = entries.get(head + (int) (cursor - base));
      cursors[reader] = cursor + 1;
      if (e instanceof End) {
        trim();
        return new Next(null);
      }
      if (e instanceof InMemory m) {
        VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
        try {
          new VectorLoader(root).load(m.batch());
        } catch (RuntimeException ex) {
          root.close();
          throw ex;
        }
        trim();
        notifyAll();
        return new Next(root);
      }
      spilled = (Spilled) e;
      trim();
      notifyAll();
    }
    // The bytes of a block never change once written, so reading them needs no lock.
    return new Next(readSpilled(reader, spilled.block()));
  }

  private int size() {
    return entries.size() - head;
  }

  private VectorSchemaRoot readSpilled(int reader, ArrowBlock block) {
    try {
      FileChannel channel;
      synchronized (this) {
        if (cancelled) {
          throw new GleamException(ErrorCode.CANCELLED, "exchange " + name + " was cancelled");
        }
        if (readChannels[reader] == null) {
          readChannels[reader] = FileChannel.open(spillPath, StandardOpenOption.READ);
        }
        channel = readChannels[reader];
      }
      channel.position(block.getOffset());
      VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
      try (ArrowRecordBatch batch = MessageSerializer.deserializeRecordBatch(new ReadChannel(channel), block,
          allocator)) {
        new VectorLoader(root).load(batch);
        return root;
      } catch (IOException | RuntimeException e) {
        root.close();
        throw e;
      }
    } catch (IOException e) {
      throw new GleamException(ErrorCode.INTERNAL, "cannot read spilled exchange " + name + " from " + spillPath
          + ": " + e.getMessage(), e);
    }
  }

  private synchronized void abandon(int reader) {
    reading[reader] = false;
    trim();
    notifyAll();
  }

  /**
   * Drops the entries every reader still reading has passed; when no reader is left, drops all of them. Once the
   * stream has ended and everything is read, the spill file goes too.
   */
  private void trim() {
    long min = Long.MAX_VALUE;
    for (int r = 0; r < cursors.length; r++) {
      if (reading[r]) {
        min = Math.min(min, cursors[r]);
      }
    }
    while (size() > 0 && base < min) {
      free(entries.get(head));
      entries.set(head++, null);
      base++;
    }
    if (head > 64 && head * 2 > entries.size()) {
      entries.subList(0, head).clear();
      head = 0;
    }
    if (size() == 0 && (min == Long.MAX_VALUE || ended)) {
      closeSpill();
    }
  }

  private void free(Entry e) {
    if (e instanceof InMemory m) {
      m.batch().close();
      if (m.reserved() > 0) {
        reservation.shrink(m.reserved());
      } else {
        unreservedHeld--;
      }
    }
  }

  private int readersLeft() {
    int n = 0;
    for (boolean r : reading) {
      n += r ? 1 : 0;
    }
    return n;
  }

  /** Batches written to the spill file so far. */
  public synchronized long spilledBatches() {
    return spilledBatches;
  }

  public synchronized long spilledBytes() {
    return spilledBytes;
  }

  /**
   * Frees every batch held, deletes the spill file, gives the reservation back and wakes waiters; later puts fail
   * and waiting readers fail as cancelled. Closing a log whose readers are all done only frees.
   */
  public synchronized void close() {
    cancelled = true;
    while (size() > 0) {
      free(entries.get(head));
      entries.set(head++, null);
      base++;
    }
    closeSpill();
    reservation.close();
    notifyAll();
  }

  private void closeSpill() {
    for (int r = 0; r < readChannels.length; r++) {
      closeQuietly(readChannels[r]);
      readChannels[r] = null;
    }
    if (spillPath != null) {
      closeQuietly(spillChannel);
      try {
        Files.deleteIfExists(spillPath);
      } catch (IOException e) {
        LoggerFactory.getLogger(SharedBatchLog.class).warn("cannot delete spill file {}: {}", spillPath,
            e.toString());
      }
      spillPath = null;
      spillChannel = null;
      spillWriter = null;
    }
  }

  private static void closeQuietly(FileChannel c) {
    if (c != null) {
      try {
        c.close();
      } catch (IOException e) {
        LoggerFactory.getLogger(SharedBatchLog.class).warn("cannot close spill file: {}", e.toString());
      }
    }
  }

  /** Builds a log; {@code build()} checks the settings. */
  public static final class Builder {
    private final String name;
    private int readers = 1;
    private int unreservedBatches;
    private int blockAtLag;
    private MemoryReservation reservation;
    private Path spillDirectory;
    private BufferAllocator allocator;

    private Builder(String name) {
      this.name = name;
    }

    public Builder readers(int n) {
      this.readers = n;
      return this;
    }

    /** Batches held in memory without a reservation. */
    public Builder unreservedBatches(int n) {
      this.unreservedBatches = n;
      return this;
    }

    /** A producer waits while every reader has this many batches unread; 0 never waits. */
    public Builder blockAtLag(int n) {
      this.blockAtLag = n;
      return this;
    }

    public Builder reservation(MemoryReservation r) {
      this.reservation = r;
      return this;
    }

    public Builder spillDirectory(Path dir) {
      this.spillDirectory = dir;
      return this;
    }

    public Builder allocator(BufferAllocator a) {
      this.allocator = a;
      return this;
    }

    public SharedBatchLog build() {
      if (readers < 1) {
        throw new IllegalArgumentException("log " + name + " has " + readers + " readers");
      }
      if (unreservedBatches < 0 || blockAtLag < 0) {
        throw new IllegalArgumentException("log " + name + ": negative unreservedBatches " + unreservedBatches
            + " or blockAtLag " + blockAtLag);
      }
      java.util.Objects.requireNonNull(reservation, "reservation is null");
      java.util.Objects.requireNonNull(spillDirectory, "spillDirectory is null");
      java.util.Objects.requireNonNull(allocator, "allocator is null");
      return new SharedBatchLog(this);
    }
  }
}
