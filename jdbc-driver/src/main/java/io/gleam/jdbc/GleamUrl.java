package io.gleam.jdbc;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A parsed embedded-driver URL: {@code jdbc:gleam:local} (catalog in memory) or {@code jdbc:gleam:local:DIR}
 * (catalog persisted in DIR; a leading {@code ~} means the user's home directory).
 *
 * @param catalogDir where the catalog lives; empty for memory
 */
public record GleamUrl(Optional<Path> catalogDir) {
  public static final String PREFIX = "jdbc:gleam:";
  public static final String LOCAL = PREFIX + "local";

  public GleamUrl {
    requireNonNull(catalogDir, "catalogDir is null");
  }

  /** Whether the embedded driver accepts this URL. */
  public static boolean accepts(String url) {
    return url != null && (url.equals(LOCAL) || url.startsWith(LOCAL + ":"));
  }

  /** Parses an accepted URL; anything after the first {@code ;} or {@code ?} is ignored. */
  public static GleamUrl parse(String url) {
    if (!accepts(url)) {
      throw new IllegalArgumentException("not a Gleam embedded URL: '" + url + "' (expected " + LOCAL + "[:DIR])");
    }
    String rest = url.substring(LOCAL.length());
    int end = firstOf(rest, ';', '?');
    rest = rest.substring(0, end);
    if (rest.isEmpty() || rest.equals(":")) {
      return new GleamUrl(Optional.empty());
    }
    String dir = rest.substring(1);
    if (dir.equals("~") || dir.startsWith("~/")) {
      dir = System.getProperty("user.home") + dir.substring(1);
    }
    return new GleamUrl(Optional.of(Path.of(dir)));
  }

  /** The URL for a catalog directory, or for memory. */
  public static String of(Optional<Path> catalogDir) {
    return catalogDir.map(d -> LOCAL + ":" + d).orElse(LOCAL);
  }

  private static int firstOf(String s, char a, char b) {
    int i = s.indexOf(a);
    int j = s.indexOf(b);
    if (i < 0) {
      return j < 0 ? s.length() : j;
    }
    return j < 0 ? i : Math.min(i, j);
  }
}
