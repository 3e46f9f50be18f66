package io.gleam.udf.lua;

import static java.util.Objects.requireNonNull;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which Lua libraries a flow's functions may use, beyond the safe default.
 *
 * <p>Every sandbox has the base functions (without {@code dofile}, {@code loadfile} and binary chunks; {@code print}
 * only logs at DEBUG), {@code string}, {@code table}, {@code math}, {@code bit32} and {@code coroutine}. A flow can
 * allow more libraries by name: {@code os}, {@code io} (which also brings back {@code dofile} and {@code loadfile}),
 * {@code debug}, {@code require} (the {@code package} library) and {@code luajava}. Using a library that is not
 * allowed raises a Lua error that says so. Allowing {@code debug} or {@code luajava} lets a function reach state
 * shared by all tasks in the process, so it also gives up isolation between tasks.
 *
 * @param allowed the extra libraries, in no particular order
 */
public record LuaSandbox(Set<Library> allowed) {
  /** The default sandbox: no extra libraries. */
  public static final LuaSandbox DEFAULT = new LuaSandbox(Set.of());

  /** A Lua library that is not in the default sandbox and must be allowed by name. */
  public enum Library {
    OS("os"),
    IO("io"),
    DEBUG("debug"),
    REQUIRE("require"),
    LUAJAVA("luajava");

    private final String libraryName;

    Library(String libraryName) {
      this.libraryName = libraryName;
    }

    /** The name a flow uses to allow this library, e.g. {@code os}. */
    public String libraryName() {
      return libraryName;
    }

    /** The library called {@code name} (case-insensitive); an unknown name is an {@link ErrorCode#INVALID_FLOW}. */
    public static Library named(String name) {
      requireNonNull(name, "name is null");
      String wanted = name.strip();
      for (Library library : values()) {
        if (library.libraryName.equalsIgnoreCase(wanted)) {
          return library;
        }
      }
      throw GleamException.user(ErrorCode.INVALID_FLOW, "unknown Lua library '%s'; a flow can allow %s",
          name, Arrays.stream(values()).map(Library::libraryName).collect(Collectors.joining(", ")));
    }
  }

  public LuaSandbox {
    requireNonNull(allowed, "allowed is null");
    allowed = allowed.isEmpty()
        ? Set.of()
        : Collections.unmodifiableSet(EnumSet.copyOf(allowed));
  }

  /** A sandbox that allows the libraries with these names, e.g. {@code allowing("os", "io")}. */
  public static LuaSandbox allowing(String... libraryNames) {
    return allowing(Arrays.asList(libraryNames));
  }

  /** A sandbox that allows the libraries with these names. */
  public static LuaSandbox allowing(Collection<String> libraryNames) {
    requireNonNull(libraryNames, "libraryNames is null");
    EnumSet<Library> libraries = EnumSet.noneOf(Library.class);
    for (String name : libraryNames) {
      libraries.add(Library.named(name));
    }
    return new LuaSandbox(libraries);
  }

  /** A copy of this sandbox that also allows {@code library}. */
  public LuaSandbox withAllowed(Library library) {
    requireNonNull(library, "library is null");
    EnumSet<Library> libraries = EnumSet.of(library);
    libraries.addAll(allowed);
    return new LuaSandbox(libraries);
  }

  public boolean allows(Library library) {
    return allowed.contains(library);
  }

  /** The allowed libraries' names in a fixed order, e.g. {@code [os, io]}. */
  public List<String> allowedNames() {
    List<String> names = new ArrayList<>();
    for (Library library : Library.values()) {
      if (allowed.contains(library)) {
        names.add(library.libraryName());
      }
    }
    return List.copyOf(names);
  }

  @Override
  public String toString() {
    return allowed.isEmpty() ? "LuaSandbox[default]" : "LuaSandbox[allowed=" + String.join(", ", allowedNames()) + "]";
  }
}
