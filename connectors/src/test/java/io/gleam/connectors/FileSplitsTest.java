package io.gleam.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSplitsTest {
  @TempDir
  Path dir;

  private Path file(String name, int bytes) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.write(p, new byte[bytes]);
    return p;
  }

  private Path gz(String name, int bytes) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
      out.write(new byte[bytes]);
    }
    return p;
  }

  private List<String> names(List<Path> files) {
    List<String> names = new ArrayList<>();
    for (Path p : files) {
      names.add(dir.relativize(p).toString());
    }
    return names;
  }

  @Test
  void directoryGivesSortedVisibleFilesRecursively() throws IOException {
    file("d/b.csv", 1);
    file("d/a.csv", 1);
    file("d/sub/c.csv", 1);
    file("d/.hidden", 1);
    file("d/_SUCCESS", 1);
    file("d/_tmp/x.csv", 1);
    file("d/.git/y.csv", 1);
    assertEquals(List.of("d/a.csv", "d/b.csv", "d/sub/c.csv"),
        names(FileSplits.expand(List.of(dir.resolve("d").toString()))));
  }

  @Test
  void plainFileIsItselfEvenWhenHidden() throws IOException {
    Path p = file("_odd.txt", 3);
    assertEquals(List.of(p), FileSplits.expand(List.of(p.toString())));
  }

  @Test
  void globsMatchSortedAndDeduplicated() throws IOException {
    file("g/x2.csv", 1);
    file("g/x1.csv", 1);
    file("g/y1.tsv", 1);
    file("g/deep/x3.csv", 1);
    file("g/deep/deeper/x4.csv", 1);
    String base = dir.resolve("g").toString();
    assertEquals(List.of("g/x1.csv", "g/x2.csv"), names(FileSplits.expand(List.of(base + "/*.csv"))));
    assertEquals(List.of("g/x1.csv", "g/y1.tsv"), names(FileSplits.expand(List.of(base + "/?1.*"))));
    assertEquals(List.of("g/deep/deeper/x4.csv", "g/deep/x3.csv", "g/x1.csv", "g/x2.csv"),
        names(FileSplits.expand(List.of(base + "/**/*.csv"))));
    assertEquals(List.of("g/deep/deeper/x4.csv", "g/deep/x3.csv", "g/x1.csv"),
        names(FileSplits.expand(List.of(base + "/deep", base + "/x1.csv", base + "/deep/x3.csv"))));
    assertEquals(List.of("g/deep/deeper/x4.csv", "g/deep/x3.csv"),
        names(FileSplits.expand(List.of(base + "/de*"))));
  }

  @Test
  void missingPathAndEmptyGlobFailNamingThePath() throws IOException {
    file("e/a.csv", 1);
    String missing = dir.resolve("nope.csv").toString();
    GleamException e = assertThrows(GleamException.class, () -> FileSplits.expand(List.of(missing)));
    assertEquals(ErrorCode.INPUT_NOT_FOUND, e.code());
    assertTrue(e.getMessage().contains(missing), e.getMessage());
    String glob = dir.resolve("e").toString() + "/*.tsv";
    e = assertThrows(GleamException.class, () -> FileSplits.expand(List.of(glob)));
    assertEquals(ErrorCode.INPUT_NOT_FOUND, e.code());
    assertTrue(e.getMessage().contains(glob), e.getMessage());
    String malformed = dir.resolve("e").toString() + "/[a.csv";
    assertEquals(ErrorCode.INVALID_FLOW,
        assertThrows(GleamException.class, () -> FileSplits.expand(List.of(malformed))).code());
    String globInMissingDir = dir.resolve("none").toString() + "/*.csv";
    e = assertThrows(GleamException.class, () -> FileSplits.expand(List.of(globInMissingDir)));
    assertEquals(ErrorCode.INPUT_NOT_FOUND, e.code());
  }

  @Test
  void oneBigFileGivesContiguousRangesForEveryShard() throws IOException {
    Path p = file("big.txt", 1000);
    List<List<FileSplit>> shards = FileSplits.split(List.of(p), 4);
    assertEquals(4, shards.size());
    long expectStart = 0;
    for (List<FileSplit> shard : shards) {
      assertEquals(1, shard.size());
      assertEquals(expectStart, shard.get(0).start());
      assertEquals(250, shard.get(0).length());
      expectStart = shard.get(0).end();
    }
    assertEquals(1000, expectStart);
  }

  @Test
  void smallFilesAreGroupedAndBytesBalanced() throws IOException {
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      files.add(file("small/f" + i, 100));
    }
    List<List<FileSplit>> shards = FileSplits.split(files, 3);
    assertEquals(3, shards.size());
    long total = 0;
    for (List<FileSplit> shard : shards) {
      long bytes = shard.stream().mapToLong(FileSplit::length).sum();
      assertTrue(bytes >= 332 && bytes <= 334, "shard bytes " + bytes);
      total += bytes;
    }
    assertEquals(1000, total);
    assertCoversEveryByteOnce(files, shards);
  }

  @Test
  void moreShardsThanBytesLeavesEmptyShards() throws IOException {
    Path p = file("tiny", 3);
    Path empty = file("empty", 0);
    List<List<FileSplit>> shards = FileSplits.split(List.of(p, empty), 7);
    assertEquals(7, shards.size());
    assertEquals(3, shards.stream().filter(s -> !s.isEmpty()).count());
    assertCoversEveryByteOnce(List.of(p), shards);
    assertEquals(5, FileSplits.split(List.of(), 5).size());
  }

  @Test
  void compressedFilesGoWholeAndBalanceBySize() throws IOException {
    Path a = gz("z/a.gz", 100_000);
    Path b = gz("z/b.gz", 10);
    Path c = gz("z/c.gz", 50_000);
    Path plain = file("z/p.txt", 400);
    List<List<FileSplit>> shards = FileSplits.split(List.of(a, b, c, plain), 2);
    List<FileSplit> all = new ArrayList<>();
    shards.forEach(all::addAll);
    for (FileSplit s : all) {
      if (s.compressed()) {
        assertEquals(0, s.start());
        assertEquals(Files.size(s.file()), s.end());
      }
    }
    assertEquals(3, all.stream().filter(FileSplit::compressed).count());
    long load0 = shards.get(0).stream().mapToLong(FileSplit::length).sum();
    long load1 = shards.get(1).stream().mapToLong(FileSplit::length).sum();
    long total = load0 + load1;
    assertTrue(Math.abs(load0 - load1) <= Math.max(Files.size(a), Files.size(c)), load0 + " vs " + load1);
    assertEquals(Files.size(a) + Files.size(b) + Files.size(c) + 400, total);
    for (List<FileSplit> shard : shards) {
      for (int i = 1; i < shard.size(); i++) {
        assertTrue(shard.get(i - 1).file().compareTo(shard.get(i).file()) <= 0, "splits keep file order");
      }
    }
  }

  @Test
  void everyShardCountCoversEveryByteOnce() throws IOException {
    List<Path> files = List.of(file("m/a", 17), file("m/b", 1), file("m/c", 250), file("m/d", 0), file("m/e", 33));
    for (int shards = 1; shards <= 12; shards++) {
      List<List<FileSplit>> plan = FileSplits.split(files, shards);
      assertEquals(shards, plan.size());
      assertCoversEveryByteOnce(files, plan);
    }
  }

  private static void assertCoversEveryByteOnce(List<Path> files, List<List<FileSplit>> shards) throws IOException {
    for (Path f : files) {
      List<FileSplit> pieces = new ArrayList<>();
      for (List<FileSplit> shard : shards) {
        shard.stream().filter(s -> s.file().equals(f)).forEach(pieces::add);
      }
      pieces.sort((x, y) -> Long.compare(x.start(), y.start()));
      long at = 0;
      for (FileSplit s : pieces) {
        assertEquals(at, s.start(), "gap or overlap in " + f);
        assertTrue(s.length() > 0, "empty split " + s);
        at = s.end();
      }
      assertEquals(Files.size(f), at, "not all of " + f);
    }
  }
}
