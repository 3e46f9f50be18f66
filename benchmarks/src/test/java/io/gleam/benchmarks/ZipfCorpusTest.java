package io.gleam.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZipfCorpusTest {
  private static final long ONE_MB = 1_000_000;
  /** SHA-256 of the first megabyte of the default corpus; a change here means a different benchmark input. */
  private static final String DEFAULT_1MB_SHA256 = "b90bca9e2feb31b3fea5685e21cbdace3fc894aa3c64fd3a9094bba976b2c92d";

  @Test
  void sameSeedGivesTheSameBytes() throws Exception {
    byte[] first = generate(ZipfCorpus.defaults(), ONE_MB);
    byte[] second = generate(new ZipfCorpus(ZipfCorpus.DEFAULT_SEED, ZipfCorpus.DEFAULT_VOCABULARY_SIZE,
        ZipfCorpus.DEFAULT_EXPONENT), ONE_MB);
    assertArrayEquals(first, second);
    assertEquals(DEFAULT_1MB_SHA256, sha256(first));
  }

  @Test
  void anotherSeedGivesOtherBytes() throws Exception {
    byte[] other = generate(new ZipfCorpus(7, ZipfCorpus.DEFAULT_VOCABULARY_SIZE, ZipfCorpus.DEFAULT_EXPONENT), ONE_MB);
    assertFalse(sha256(other).equals(DEFAULT_1MB_SHA256));
  }

  @Test
  void writesWholeLinesUpToTheSize() throws Exception {
    byte[] bytes = generate(ZipfCorpus.defaults(), ONE_MB);
    assertTrue(bytes.length >= ONE_MB && bytes.length < ONE_MB + 1000, "length " + bytes.length);
    assertEquals('\n', bytes[bytes.length - 1]);
    byte[] longer = generate(ZipfCorpus.defaults(), 2 * ONE_MB);
    assertArrayEquals(bytes, Arrays.copyOf(longer, bytes.length), "a longer corpus starts with a shorter one");
  }

  @Test
  void vocabularyIsDistinctAsciiWords() {
    List<String> vocabulary = ZipfCorpus.defaults().vocabulary();
    assertEquals(ZipfCorpus.DEFAULT_VOCABULARY_SIZE, vocabulary.size());
    assertEquals(vocabulary.size(), new HashSet<>(vocabulary).size());
    for (String w : vocabulary) {
      assertFalse(w.isEmpty());
      assertTrue(w.chars().allMatch(c -> AsciiWords.isWordChar((char) c)), w);
    }
    assertTrue(vocabulary.get(0).length() <= 6, "the most frequent word is short: " + vocabulary.get(0));
  }

  @Test
  void wordsFollowTheVocabularyAndTheZipfLaw() throws Exception {
    ZipfCorpus corpus = ZipfCorpus.defaults();
    Set<String> vocabulary = new HashSet<>(corpus.vocabulary());
    String text = new String(generate(corpus, ONE_MB), StandardCharsets.US_ASCII);
    Map<String, Integer> counts = new HashMap<>();
    for (String line : text.split("\n")) {
      List<String> words = new ArrayList<>();
      AsciiWords.forEach(line, words::add);
      assertTrue(words.size() >= ZipfCorpus.MIN_WORDS_PER_LINE && words.size() <= ZipfCorpus.MAX_WORDS_PER_LINE,
          "words in line '" + line + "'");
      for (String w : words) {
        assertTrue(vocabulary.contains(w), "'" + w + "' is not in the vocabulary");
        counts.merge(w, 1, Integer::sum);
      }
    }
    int top = counts.get(corpus.vocabulary().get(0));
    assertEquals(top, counts.values().stream().mapToInt(Integer::intValue).max().orElseThrow());
    // Frequency of rank 1 over rank 10 is 10^1.07 = 11.7; sampling noise in 1 MB is a few percent.
    double ratio = (double) top / counts.get(corpus.vocabulary().get(9));
    assertTrue(ratio > 10 && ratio < 13.5, "rank 1 / rank 10 frequency ratio " + ratio);
  }

  @Test
  void writeFileLeavesOnlyTheCompleteFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("corpus.txt");
    long written = ZipfCorpus.defaults().writeFile(file, ONE_MB);
    assertEquals(written, Files.size(file));
    assertEquals(DEFAULT_1MB_SHA256, sha256(Files.readAllBytes(file)));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(file), files.toList());
    }
  }

  @Test
  void parsesSizes() {
    assertEquals(100_000_000L, ZipfCorpus.parseSize("100MB"));
    assertEquals(1_000_000_000L, ZipfCorpus.parseSize("1gb"));
    assertEquals(512L * 1024, ZipfCorpus.parseSize("512KiB"));
    assertEquals(1L << 30, ZipfCorpus.parseSize("1GiB"));
    assertEquals(4096L, ZipfCorpus.parseSize("4096"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ZipfCorpus.parseSize("lots"));
    assertTrue(e.getMessage().contains("'lots'"), e.getMessage());
  }

  @Test
  void rejectsBadParameters() {
    assertThrows(IllegalArgumentException.class, () -> new ZipfCorpus(1, 5, 1.0));
    assertThrows(IllegalArgumentException.class, () -> new ZipfCorpus(1, 100, 0));
  }

  private static byte[] generate(ZipfCorpus corpus, long bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    corpus.write(out, bytes);
    return out.toByteArray();
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
