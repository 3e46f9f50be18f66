package io.gleam.connectors;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

/**
 * Turns the paths of a source into input files. A plain file is itself; a directory is every regular file below it
 * whose name (and whose directories' names) does not start with {@code .} or {@code _}, sorted by path; a glob
 * ({@code *}, {@code ?}, {@code [..]}, {@code {a,b}}, and {@code **} across directories, where {@code **}{@code /}
 * may also match no directory) is every matching file, sorted, a matching directory counting as its files.
 */
final class PathExpansion {
  private static final int MAX_GLOBSTAR_VARIANTS = 6;

  private PathExpansion() {}

  static List<Path> expand(List<String> paths) {
    Set<Path> files = new LinkedHashSet<>();
    for (String p : paths) {
      files.addAll(isGlob(p) ? glob(p) : plain(p));
    }
    return List.copyOf(files);
  }

  private static boolean isGlob(String p) {
    return firstWildcard(p) < p.length();
  }

  private static List<Path> plain(String p) {
    Path path = toPath(p);
    if (Files.isDirectory(path)) {
      return walk(path, null, Integer.MAX_VALUE, p);
    }
    if (Files.isRegularFile(path)) {
      return List.of(path);
    }
    if (Files.exists(path)) {
      throw GleamException.user(ErrorCode.INPUT_NOT_FOUND, "input path '%s' is neither a file nor a directory", p);
    }
    throw GleamException.user(ErrorCode.INPUT_NOT_FOUND, "input path '%s' does not exist", p);
  }

  private static List<Path> glob(String pattern) {
    String normalized = pattern.replace('\\', '/');
    int firstWild = firstWildcard(normalized);
    int slash = normalized.lastIndexOf('/', firstWild);
    String baseText = slash < 0 ? "" : (slash == 0 ? "/" : normalized.substring(0, slash));
    Path base = baseText.isEmpty() ? Paths.get("") : toPath(baseText);
    String rest = normalized.substring(slash + 1);
    int depth = rest.contains("**") ? Integer.MAX_VALUE : (int) rest.chars().filter(c -> c == '/').count() + 1;
    List<Path> files = Files.isDirectory(base) ? walk(base, matchers(normalized), depth, pattern) : List.of();
    if (files.isEmpty()) {
      throw GleamException.user(ErrorCode.INPUT_NOT_FOUND, "no input file matches '%s'", pattern);
    }
    return files;
  }

  private static int firstWildcard(String p) {
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      if (c == '*' || c == '?' || c == '[' || c == '{') {
        return i;
      }
    }
    return p.length();
  }

  /** The pattern, plus variants where some {@code **}{@code /} match no directory at all. */
  private static List<PathMatcher> matchers(String pattern) {
    List<String> variants = new ArrayList<>();
    variants.add(pattern);
    for (int round = 0; round < MAX_GLOBSTAR_VARIANTS; round++) {
      List<String> more = new ArrayList<>();
      for (String v : variants) {
        int at = v.indexOf("**/");
        while (at >= 0) {
          String shorter = v.substring(0, at) + v.substring(at + 3);
          if (!variants.contains(shorter) && !more.contains(shorter)) {
            more.add(shorter);
          }
          at = v.indexOf("**/", at + 3);
        }
      }
      if (more.isEmpty()) {
        break;
      }
      variants.addAll(more);
    }
    List<PathMatcher> matchers = new ArrayList<>();
    for (String v : variants) {
      try {
        matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + v));
      } catch (PatternSyntaxException e) {
        throw GleamException.user(ErrorCode.INVALID_FLOW, "input glob '%s' is malformed: %s", pattern,
            e.getDescription());
      }
    }
    return matchers;
  }

  /**
   * Regular files under {@code root}, sorted: all of them when {@code matchers} is null, else those matching and
   * the files of matching directories. Names starting with {@code .} or {@code _} below the root are skipped.
   */
  private static List<Path> walk(Path root, List<PathMatcher> matchers, int maxDepth, String context) {
    List<Path> files = new ArrayList<>();
    try {
      Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), maxDepth, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          if (dir.equals(root)) {
            return FileVisitResult.CONTINUE;
          }
          if (hidden(dir)) {
            return FileVisitResult.SKIP_SUBTREE;
          }
          if (matchers != null && matches(dir)) {
            files.addAll(walk(dir, null, Integer.MAX_VALUE, context));
            return FileVisitResult.SKIP_SUBTREE;
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
          if (hidden(file)) {
            return FileVisitResult.CONTINUE;
          }
          if (attrs.isRegularFile() && (matchers == null || matches(file))) {
            files.add(file);
          } else if (attrs.isDirectory() && matchers != null && matches(file)) {
            files.addAll(walk(file, null, Integer.MAX_VALUE, context));
          }
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
          if (e instanceof FileSystemLoopException) {
            return FileVisitResult.CONTINUE;
          }
          throw e;
        }

        private boolean matches(Path p) {
          for (PathMatcher m : matchers) {
            if (m.matches(p)) {
              return true;
            }
          }
          return false;
        }
      });
    } catch (IOException e) {
      throw new GleamException(ErrorCode.INPUT_NOT_FOUND,
          "cannot list input '" + context + "': " + e.getMessage(), e);
    }
    files.sort(null);
    return files;
  }

  private static boolean hidden(Path p) {
    Path name = p.getFileName();
    if (name == null) {
      return false;
    }
    String s = name.toString();
    return s.startsWith(".") || s.startsWith("_");
  }

  private static Path toPath(String p) {
    try {
      return Paths.get(p);
    } catch (InvalidPathException e) {
      throw GleamException.user(ErrorCode.INPUT_NOT_FOUND, "input path '%s' is not a valid path: %s", p,
          e.getReason());
    }
  }
}
