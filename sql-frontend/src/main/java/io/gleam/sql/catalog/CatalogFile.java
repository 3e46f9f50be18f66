package io.gleam.sql.catalog;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The definitions of a persisted catalog's tables and views, kept as one JSON file ({@value #FILE_NAME}) in the
 * catalog directory, in the order they were created (so a view comes after what it reads). Every change rewrites
 * the file: to a temporary file first, then renamed over the old one, so a crash leaves the old or the new file,
 * never a torn one. The data of managed tables is not in this file (see {@link ManagedTables}).
 */
public final class CatalogFile {
  /** The name of the file in the catalog directory. */
  public static final String FILE_NAME = "catalog.json";
  private static final int VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final Map<String, Definition> definitions = new LinkedHashMap<>();

  /** One table or view as the file keeps it. */
  public sealed interface Definition permits FileTable, ManagedTable, View {
    String name();
  }

  /** A table over files: its columns and its {@code WITH} options. */
  public record FileTable(String name, Schema schema, Map<String, String> options) implements Definition {
    public FileTable {
      requireNonNull(name, "name is null");
      requireNonNull(schema, "schema is null");
      options = Map.copyOf(new LinkedHashMap<>(requireNonNull(options, "options is null")));
    }
  }

  /** A managed table: its columns and its row count; the rows are in its Arrow file. */
  public record ManagedTable(String name, Schema schema, long rows) implements Definition {
    public ManagedTable {
      requireNonNull(name, "name is null");
      requireNonNull(schema, "schema is null");
    }
  }

  /** A view: its query text, the schema its names resolve in, and its column names. */
  public record View(String name, String sql, List<String> schemaPath, List<String> columns) implements Definition {
    public View {
      requireNonNull(name, "name is null");
      requireNonNull(sql, "sql is null");
      schemaPath = List.copyOf(schemaPath);
      columns = List.copyOf(columns);
    }
  }

  private CatalogFile(Path file) {
    this.file = file;
  }

  /**
   * Opens the catalog file of {@code directory} (creating the directory if needed); an absent file is an empty
   * catalog. A file that cannot be read fails with {@link ErrorCode#MALFORMED_INPUT} naming it.
   */
  public static CatalogFile open(Path directory) {
    requireNonNull(directory, "directory is null");
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new GleamException(ErrorCode.OUTPUT_FAILED, "cannot create the catalog directory " + directory + ": "
          + e, e);
    }
    CatalogFile catalog = new CatalogFile(directory.resolve(FILE_NAME));
    if (Files.exists(catalog.file)) {
      catalog.read();
    }
    return catalog;
  }

  /** The definitions, in creation order. */
  public List<Definition> definitions() {
    return List.copyOf(definitions.values());
  }

  /** Adds or replaces (keeping its place) a definition and rewrites the file. */
  public void put(Definition definition) {
    requireNonNull(definition, "definition is null");
    definitions.put(definition.name(), definition);
    write();
  }

  /** Removes a definition, if there is one, and rewrites the file. */
  public void remove(String name) {
    if (definitions.remove(name) != null) {
      write();
    }
  }

  private void read() {
    try {
      JsonNode root = JSON.readTree(file.toFile());
      int version = root.path("version").asInt(-1);
      if (version != VERSION) {
        throw new GleamException(ErrorCode.MALFORMED_INPUT, "catalog file " + file + " has version " + version
            + ", this Gleam reads version " + VERSION);
      }
      for (JsonNode node : root.path("objects")) {
        Definition d = definition(node);
        definitions.put(d.name(), d);
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof GleamException g) {
        throw g;
      }
      throw new GleamException(ErrorCode.MALFORMED_INPUT, "cannot read catalog file " + file + ": " + e, e);
    }
  }

  private static Definition definition(JsonNode node) throws IOException {
    String kind = text(node, "kind");
    String name = text(node, "name");
    switch (kind) {
      case "file": {
        Map<String, String> options = new LinkedHashMap<>();
        node.path("options").fields().forEachRemaining(e -> options.put(e.getKey(), e.getValue().asText()));
        return new FileTable(name, Schema.fromJSON(text(node, "schema")), options);
      }
      case "managed":
        return new ManagedTable(name, Schema.fromJSON(text(node, "schema")), node.path("rows").asLong());
      case "view": {
        List<String> path = new ArrayList<>();
        node.path("schemaPath").forEach(p -> path.add(p.asText()));
        List<String> columns = new ArrayList<>();
        node.path("columns").forEach(c -> columns.add(c.asText()));
        return new View(name, text(node, "sql"), path, columns);
      }
      default:
        throw new IOException("object " + name + " has unknown kind '" + kind + "'");
    }
  }

  private static String text(JsonNode node, String key) throws IOException {
    JsonNode value = node.get(key);
    if (value == null || !value.isTextual()) {
      throw new IOException("an object lacks the text field '" + key + "': " + node);
    }
    return value.asText();
  }

  private void write() {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", VERSION);
    ArrayNode objects = root.putArray("objects");
    for (Definition d : definitions.values()) {
      ObjectNode node = objects.addObject();
      if (d instanceof FileTable f) {
        node.put("kind", "file").put("name", f.name()).put("schema", f.schema().toJson());
        ObjectNode options = node.putObject("options");
        f.options().forEach(options::put);
      } else if (d instanceof ManagedTable m) {
        node.put("kind", "managed").put("name", m.name()).put("schema", m.schema().toJson()).put("rows", m.rows());
      } else if (d instanceof View v) {
        node.put("kind", "view").put("name", v.name()).put("sql", v.sql());
        v.schemaPath().forEach(node.putArray("schemaPath")::add);
        v.columns().forEach(node.putArray("columns")::add);
      }
    }
    Path temp = file.resolveSibling(FILE_NAME + ".tmp");
    try {
      JSON.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), root);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new GleamException(ErrorCode.OUTPUT_FAILED, "cannot write catalog file " + file + ": " + e, e);
    }
  }
}
