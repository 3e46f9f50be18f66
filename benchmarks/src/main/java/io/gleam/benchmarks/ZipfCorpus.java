package io.gleam.benchmarks;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A deterministic generator of an English-like ASCII text corpus whose words follow a Zipf distribution: the word
 * of rank {@code r} (0-based) appears with probability proportional to {@code 1 / (r + 1)^exponent}. The same seed,
 * vocabulary size and exponent give a byte-identical corpus on every JVM.
 *
 * <p>The vocabulary is made of pronounceable syllables, shorter for frequent words (as in English); about 2% of the
 * words end in digits, 0.5% are numbers and 4% are capitalized. A line holds 5 to 20 words separated by spaces,
 * commas, semicolons, colons or hyphens, usually ends with {@code .}, {@code ?} or {@code !}, and is sometimes in
 * double quotes. Splitting the text on every character that is not {@code [A-Za-z0-9]} gives back exactly the
 * sampled vocabulary words.
 *
 * <p>Writing samples each word from an alias table in constant time and copies its bytes into a 1 MiB buffer.
 */
public final class ZipfCorpus {
  public static final long DEFAULT_SEED = 42;
  public static final int DEFAULT_VOCABULARY_SIZE = 80_000;
  public static final double DEFAULT_EXPONENT = 1.07;

  static final int MIN_WORDS_PER_LINE = 5;
  static final int MAX_WORDS_PER_LINE = 20;

  private static final int BUFFER_BYTES = 1 << 20;
  /** Vocabulary generation draws from its own stream, so the text stream does not depend on how words are made. */
  private static final long VOCABULARY_STREAM = 0x5EED_0F_70CABL;

  private static final String[] ONSETS = {
      "", "", "", "", "b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "y",
      "z", "b", "d", "h", "l", "m", "n", "r", "s", "t", "w", "br", "cr", "dr", "fr", "gr", "pr", "tr", "bl", "cl",
      "fl", "pl", "sl", "st", "sp", "sh", "ch", "th", "wh", "qu"};
  private static final String[] VOWELS = {"a", "e", "i", "o", "u", "a", "e", "i", "o", "a", "e", "ea", "ou", "ai", "ee",
      "oo", "y"};
  private static final String[] CODAS = {"", "", "", "", "", "", "n", "r", "s", "t", "l", "m", "d", "n", "r", "s", "t",
      "ng", "st", "nd", "rt", "ck"};

  private final long seed;
  private final double exponent;
  private final List<String> vocabulary;
  /** Every word's ASCII bytes, by rank, back to back; word {@code r} is {@code [offsets[r], offsets[r + 1])}. */
  private final byte[] wordBytes;
  private final int[] offsets;
  private final int maxLineBytes;
  private final AliasSampler ranks;

  /**
   * A corpus of {@code vocabularySize} distinct words drawn with Zipf exponent {@code exponent}.
   *
   * @throws IllegalArgumentException if the vocabulary has fewer than 10 or more than 10 million words, or the
   *     exponent is not in (0, 5]
   */
  public ZipfCorpus(long seed, int vocabularySize, double exponent) {
    if (vocabularySize < 10 || vocabularySize > 10_000_000) {
      throw new IllegalArgumentException("vocabularySize must be in [10, 10000000], got " + vocabularySize);
    }
    if (!(exponent > 0 && exponent <= 5)) {
      throw new IllegalArgumentException("exponent must be in (0, 5], got " + exponent);
    }
    this.seed = seed;
    this.exponent = exponent;
    this.vocabulary = List.copyOf(makeVocabulary(new SplitMix64(seed ^ VOCABULARY_STREAM), vocabularySize));
    this.offsets = new int[vocabularySize + 1];
    int total = 0;
    int longest = 0;
    for (int r = 0; r < vocabularySize; r++) {
      offsets[r] = total;
      total += vocabulary.get(r).length();
      longest = Math.max(longest, vocabulary.get(r).length());
    }
    offsets[vocabularySize] = total;
    this.wordBytes = new byte[total];
    for (int r = 0; r < vocabularySize; r++) {
      byte[] w = vocabulary.get(r).getBytes(US_ASCII);
      System.arraycopy(w, 0, wordBytes, offsets[r], w.length);
    }
    // Per word: the word and a two-byte separator; per line: a quote, end punctuation, a closing quote, newline.
    this.maxLineBytes = MAX_WORDS_PER_LINE * (longest + 2) + 4;
    double[] weights = new double[vocabularySize];
    for (int r = 0; r < vocabularySize; r++) {
      weights[r] = 1 / StrictMath.pow(r + 1, exponent);
    }
    this.ranks = new AliasSampler(weights);
  }

  /** The default corpus: seed 42, 80,000 words, exponent 1.07. */
  public static ZipfCorpus defaults() {
    return new ZipfCorpus(DEFAULT_SEED, DEFAULT_VOCABULARY_SIZE, DEFAULT_EXPONENT);
  }

  /** The words, most frequent first: index {@code r} is the word of rank {@code r}. */
  public List<String> vocabulary() {
    return vocabulary;
  }

  public double exponent() {
    return exponent;
  }

  /**
   * Writes whole lines until at least {@code minBytes} bytes are written (at most one line more), and returns the
   * number of bytes written. Does not close {@code out}.
   */
  public long write(OutputStream out, long minBytes) throws IOException {
    if (minBytes < 0) {
      throw new IllegalArgumentException("minBytes must not be negative, got " + minBytes);
    }
    SplitMix64 random = new SplitMix64(seed);
    byte[] buffer = new byte[BUFFER_BYTES];
    long flushed = 0;
    int pos = 0;
    while (flushed + pos < minBytes) {
      if (pos > buffer.length - maxLineBytes) {
        out.write(buffer, 0, pos);
        flushed += pos;
        pos = 0;
      }
      pos = writeLine(random, buffer, pos);
    }
    out.write(buffer, 0, pos);
    return flushed + pos;
  }

  /** Writes the corpus to {@code file} through a temporary file beside it, so a file that exists is complete. */
  public long writeFile(Path file, long minBytes) throws IOException {
    Path absolute = file.toAbsolutePath();
    Path parent = absolute.getParent();
    Files.createDirectories(parent);
    // A plain new file, not Files.createTempFile, so the corpus gets the umask's permissions (readable by others).
    Path temporary = parent.resolve(absolute.getFileName() + ".partial");
    try {
      long written;
      try (OutputStream out = Files.newOutputStream(temporary)) {
        written = write(out, minBytes);
      }
      Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return written;
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private int writeLine(SplitMix64 random, byte[] buffer, int start) {
    int pos = start;
    int words = MIN_WORDS_PER_LINE + random.nextInt(MAX_WORDS_PER_LINE - MIN_WORDS_PER_LINE + 1);
    boolean quoted = random.nextInt(100) < 2;
    if (quoted) {
      buffer[pos++] = '"';
    }
    for (int i = 0; i < words; i++) {
      long r = random.nextLong();
      if (i > 0) {
        // The low 10 bits, which the sampler leaves alone, pick the separator.
        int p = (int) (r & 1023);
        if (p < 61) {
          buffer[pos++] = ',';
          buffer[pos++] = ' ';
        } else if (p < 72) {
          buffer[pos++] = ';';
          buffer[pos++] = ' ';
        } else if (p < 77) {
          buffer[pos++] = ':';
          buffer[pos++] = ' ';
        } else if (p < 87) {
          buffer[pos++] = '-';
        } else {
          buffer[pos++] = ' ';
        }
      }
      int rank = ranks.sample(r);
      int from = offsets[rank];
      int length = offsets[rank + 1] - from;
      System.arraycopy(wordBytes, from, buffer, pos, length);
      pos += length;
    }
    int end = random.nextInt(100);
    if (end < 70) {
      buffer[pos++] = '.';
    } else if (end < 78) {
      buffer[pos++] = '?';
    } else if (end < 82) {
      buffer[pos++] = '!';
    }
    if (quoted) {
      buffer[pos++] = '"';
    }
    buffer[pos++] = '\n';
    return pos;
  }

  private static List<String> makeVocabulary(SplitMix64 random, int size) {
    List<String> words = new ArrayList<>(size);
    Set<String> seen = new HashSet<>();
    StringBuilder word = new StringBuilder();
    for (int rank = 0; rank < size; rank++) {
      // Frequent words are short, as in English: one syllable for the top ten, three or four for the rarest.
      int syllables = 1 + (int) (0.5 * StrictMath.log10(rank + 1) + 0.6 * random.nextInt(1000) / 1000.0);
      // Numbers, words with digits and capitalized words are never among the 100 most frequent.
      int kind = rank < 100 ? 1000 : random.nextInt(1000);
      for (int attempt = 0; ; attempt++) {
        word.setLength(0);
        if (kind < 5) {
          word.append(1 + random.nextInt(9));
          int digits = 1 + random.nextInt(3) + attempt / 20;
          for (int d = 0; d < digits; d++) {
            word.append(random.nextInt(10));
          }
        } else {
          for (int s = 0; s < syllables + attempt / 20; s++) {
            word.append(ONSETS[random.nextInt(ONSETS.length)])
                .append(VOWELS[random.nextInt(VOWELS.length)])
                .append(CODAS[random.nextInt(CODAS.length)]);
          }
          if (kind < 25) {
            word.append(random.nextInt(100));
          } else if (kind < 65) {
            word.setCharAt(0, Character.toUpperCase(word.charAt(0)));
          }
        }
        String w = word.toString();
        if (seen.add(w)) {
          words.add(w);
          break;
        }
      }
    }
    return words;
  }

  /**
   * Parses a size such as {@code 100MB}, {@code 1GB}, {@code 512KiB} or {@code 4096}: KB, MB, GB are powers of
   * 1000, KiB, MiB, GiB powers of 1024 (case-insensitive).
   */
  static long parseSize(String text) {
    String s = text.trim().toUpperCase(Locale.ROOT);
    long unit = 1;
    String[][] units = {{"KIB", "1024"}, {"MIB", "1048576"}, {"GIB", "1073741824"}, {"KB", "1000"},
        {"MB", "1000000"}, {"GB", "1000000000"}, {"B", "1"}};
    for (String[] u : units) {
      if (s.endsWith(u[0])) {
        unit = Long.parseLong(u[1]);
        s = s.substring(0, s.length() - u[0].length()).trim();
        break;
      }
    }
    try {
      long n = Long.parseLong(s);
      if (n < 0) {
        throw new IllegalArgumentException("size must not be negative, got '" + text + "'");
      }
      return Math.multiplyExact(n, unit);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("size must be a number with an optional unit (KB, MB, GB, KiB, MiB, "
          + "GiB), got '" + text + "'", e);
    }
  }

  private static final String USAGE =
      "usage: ZipfCorpus --size 100MB|1GB|... --out FILE [--seed 42] [--vocabulary 80000] [--exponent 1.07]";

  /**
   * {@code ZipfCorpus --size 100MB --out FILE [--seed 42] [--vocabulary 80000] [--exponent 1.07]}: writes the
   * corpus and prints its size and write speed. Bad options print the usage and exit with status 2.
   */
  public static void main(String[] args) throws IOException {
    long size;
    Path out;
    ZipfCorpus corpus;
    try {
      CommandLine cli = CommandLine.parse(args, Set.of("size", "out", "seed", "vocabulary", "exponent"));
      size = parseSize(cli.required("size"));
      out = Path.of(cli.required("out"));
      corpus = new ZipfCorpus(cli.longValue("seed", DEFAULT_SEED),
          (int) cli.longValue("vocabulary", DEFAULT_VOCABULARY_SIZE), cli.doubleValue("exponent", DEFAULT_EXPONENT));
    } catch (IllegalArgumentException e) {
      System.err.println("ZipfCorpus: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    long start = System.nanoTime();
    long written = corpus.writeFile(out, size);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(Locale.ROOT, "wrote %s: %,d bytes in %.2f s (%.0f MB/s), %,d-word vocabulary, exponent %.2f%n",
        out, written, seconds, written / 1e6 / seconds, corpus.vocabulary().size(), corpus.exponent());
  }
}
