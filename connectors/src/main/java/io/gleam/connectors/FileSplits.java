package io.gleam.connectors;

import static java.util.Objects.requireNonNull;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.planner.spi.SourceSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Expands a source's paths into files and cuts them into shards by byte ranges.
 *
 * <p>Algorithm: compressed ({@code .gz}) files cannot be cut, so each goes whole to the shard with the fewest bytes
 * so far, largest file first. The other files are then laid end to end, in order, and cut into contiguous ranges
 * so that every shard gets about {@code total bytes / shards}: one large file gives many shards, many small files
 * share one. Shards may be empty (fewer bytes than shards, or no files). Empty files give no split. Within a shard
 * the splits keep the files' order. The plan is deterministic: the same files and sizes give the same shards, so
 * every process that opens shard {@code i} of a spec reads the same bytes.
 */
public final class FileSplits {
  private FileSplits() {}

  /**
   * The input files of {@code paths}, in order: each path's files sorted, duplicates dropped. A directory gives
   * its regular files recursively, skipping names that start with {@code .} or {@code _}; a glob gives its matches.
   *
   * @throws GleamException {@link ErrorCode#INPUT_NOT_FOUND} for a missing path or a glob that matches nothing
   */
  public static List<Path> expand(List<String> paths) {
    requireNonNull(paths, "paths is null");
    return PathExpansion.expand(paths);
  }

  /** The shards of a source spec: {@code split(expand(spec.paths()), spec.shards())}. */
  public static List<List<FileSplit>> plan(SourceSpec spec) {
    requireNonNull(spec, "spec is null");
    return split(expand(spec.paths()), spec.shards());
  }

  /** Cuts {@code files} into exactly {@code shards} lists of splits; see the class comment for how. */
  public static List<List<FileSplit>> split(List<Path> files, int shards) {
    requireNonNull(files, "files is null");
    if (shards < 1) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "shards must be at least 1, got %d", shards);
    }
    long[] sizes = new long[files.size()];
    long total = 0;
    for (int i = 0; i < sizes.length; i++) {
      sizes[i] = size(files.get(i));
      total += sizes[i];
    }
    List<List<Placed>> placed = new ArrayList<>(shards);
    for (int s = 0; s < shards; s++) {
      placed.add(new ArrayList<>());
    }
    long[] load = new long[shards];
    placeCompressed(files, sizes, placed, load);
    placeSplittable(files, sizes, placed, load, Math.max(1, ceilDiv(total, shards)));
    List<List<FileSplit>> result = new ArrayList<>(shards);
    for (List<Placed> shard : placed) {
      shard.sort(Comparator.comparingInt(Placed::fileIndex).thenComparingLong(p -> p.split().start()));
      result.add(shard.stream().map(Placed::split).toList());
    }
    return List.copyOf(result);
  }

  private static void placeCompressed(List<Path> files, long[] sizes, List<List<Placed>> placed, long[] load) {
    List<Integer> compressed = new ArrayList<>();
    for (int i = 0; i < sizes.length; i++) {
      if (sizes[i] > 0 && FileSplit.isCompressed(files.get(i))) {
        compressed.add(i);
      }
    }
    compressed.sort(Comparator.<Integer>comparingLong(i -> -sizes[i]).thenComparingInt(i -> i));
    for (int i : compressed) {
      int target = 0;
      for (int s = 1; s < load.length; s++) {
        if (load[s] < load[target]) {
          target = s;
        }
      }
      placed.get(target).add(new Placed(i, new FileSplit(files.get(i), 0, sizes[i])));
      load[target] += sizes[i];
    }
  }

  private static void placeSplittable(List<Path> files, long[] sizes, List<List<Placed>> placed, long[] load,
      long target) {
    int shard = 0;
    int last = load.length - 1;
    for (int i = 0; i < sizes.length; i++) {
      if (sizes[i] == 0 || FileSplit.isCompressed(files.get(i))) {
        continue;
      }
      long offset = 0;
      while (offset < sizes[i]) {
        long room = target - load[shard];
        if (room <= 0 && shard < last) {
          shard++;
          continue;
        }
        long take = shard == last ? sizes[i] - offset : Math.min(room, sizes[i] - offset);
        placed.get(shard).add(new Placed(i, new FileSplit(files.get(i), offset, offset + take)));
        load[shard] += take;
        offset += take;
      }
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (NoSuchFileException e) {
      throw new GleamException(ErrorCode.INPUT_NOT_FOUND, "input file '" + file + "' does not exist", e);
    } catch (IOException e) {
      throw new GleamException(ErrorCode.INPUT_NOT_FOUND,
          "cannot read the size of input file '" + file + "': " + e.getMessage(), e);
    }
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }

  private record Placed(int fileIndex, FileSplit split) {}
}
