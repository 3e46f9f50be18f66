package io.gleam.planner;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Builds and prints Arrow schemas from short declarations such as {@code "word string, count bigint"}.
 * Type names: {@code string|varchar|text}, {@code bigint|long}, {@code int|integer}, {@code double},
 * {@code boolean}, {@code date}, {@code timestamp}, {@code decimal(p,s)}; a trailing {@code not null} makes the
 * column non-nullable.
 */
public final class Schemas {
  private Schemas() {}

  public static Schema parse(String declaration) {
    List<Field> fields = new ArrayList<>();
    for (String part : splitTopLevel(declaration)) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      String[] words = p.split("[\\s:]+", 2);
      if (words.length < 2) {
        throw GleamException.user(ErrorCode.INVALID_FLOW, "schema '%s': column '%s' has no type", declaration, p);
      }
      String typeText = words[1].trim().toLowerCase(Locale.ROOT);
      boolean nullable = true;
      if (typeText.endsWith("not null")) {
        nullable = false;
        typeText = typeText.substring(0, typeText.length() - "not null".length()).trim();
      }
      fields.add(field(words[0], type(typeText, declaration), nullable));
    }
    if (fields.isEmpty()) {
      throw GleamException.user(ErrorCode.INVALID_FLOW, "schema '%s' declares no column", declaration);
    }
    return new Schema(fields);
  }

  public static Field field(String name, ArrowType type, boolean nullable) {
    return new Field(name, nullable ? FieldType.nullable(type) : FieldType.notNullable(type), null);
  }

  public static Field field(String name, ArrowType type) {
    return field(name, type, true);
  }

  public static ArrowType type(String name, String context) {
    String t = name.trim().toLowerCase(Locale.ROOT);
    if (t.startsWith("decimal")) {
      String args = t.substring("decimal".length()).replaceAll("[()\\s]", "");
      String[] ps = args.isEmpty() ? new String[] {"38", "10"} : args.split(",");
      try {
        return new ArrowType.Decimal(Integer.parseInt(ps[0]), ps.length > 1 ? Integer.parseInt(ps[1]) : 0, 128);
      } catch (NumberFormatException e) {
        throw GleamException.user(ErrorCode.INVALID_FLOW, "schema '%s': bad decimal type '%s'", context, name);
      }
    }
    return switch (t) {
      case "string", "varchar", "text", "utf8" -> ArrowType.Utf8.INSTANCE;
      case "bigint", "long", "int64" -> new ArrowType.Int(64, true);
      case "int", "integer", "int32" -> new ArrowType.Int(32, true);
      case "double", "float8", "float64" -> new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
      case "boolean", "bool" -> ArrowType.Bool.INSTANCE;
      case "date" -> new ArrowType.Date(DateUnit.DAY);
      case "timestamp" -> new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
      default -> throw GleamException.user(ErrorCode.INVALID_FLOW, "schema '%s': unknown type '%s'", context, name);
    };
  }

  /** The short name of a type, the inverse of {@link #type}. */
  public static String typeName(ArrowType type) {
    if (type instanceof ArrowType.Utf8) {
      return "string";
    } else if (type instanceof ArrowType.Int i) {
      return i.getBitWidth() == 64 ? "bigint" : "int";
    } else if (type instanceof ArrowType.FloatingPoint) {
      return "double";
    } else if (type instanceof ArrowType.Bool) {
      return "boolean";
    } else if (type instanceof ArrowType.Date) {
      return "date";
    } else if (type instanceof ArrowType.Timestamp) {
      return "timestamp";
    } else if (type instanceof ArrowType.Decimal d) {
      return "decimal(" + d.getPrecision() + "," + d.getScale() + ")";
    } else if (type instanceof ArrowType.List) {
      return "list";
    }
    return type.toString();
  }

  /** Renders a schema as a declaration that {@link #parse} reads back. */
  public static String render(Schema schema) {
    StringBuilder sb = new StringBuilder();
    for (Field f : schema.getFields()) {
      if (!sb.isEmpty()) {
        sb.append(", ");
      }
      sb.append(f.getName()).append(' ').append(typeName(f.getType()));
      if (f.getType() instanceof ArrowType.List && !f.getChildren().isEmpty()) {
        sb.append('<').append(typeName(f.getChildren().get(0).getType())).append('>');
      }
    }
    return sb.toString();
  }

  public static int indexOf(Schema schema, String column) {
    List<Field> fields = schema.getFields();
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).getName().equals(column)) {
        return i;
      }
    }
    throw GleamException.user(ErrorCode.INVALID_FLOW, "unknown column '%s' in (%s)", column, render(schema));
  }

  /** A list-of-T field, used for the grouped values of groupByKey and coGroup. */
  public static Field listOf(String name, Field element) {
    return new Field(name, FieldType.nullable(ArrowType.List.INSTANCE),
        List.of(new Field("item", element.getFieldType(), null)));
  }

  private static List<String> splitTopLevel(String s) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(s.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(s.substring(start));
    return parts;
  }
}
