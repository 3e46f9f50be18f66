package io.gleam.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A TPC-H table's CSV part files (each with a header line) as a Calcite {@link ScannableTable}: every scan reads
 * the files again, one after another, and
 * gives rows in Calcite's internal representation (BIGINT as {@code Long}, INTEGER as {@code Integer}, DECIMAL as
 * {@code BigDecimal}, DATE as {@code Integer} days since 1970-01-01, VARCHAR as {@code String}).
 */
final class CalciteCsvTable extends AbstractTable implements ScannableTable {
  private enum Kind { BIGINT, INTEGER, DECIMAL, DATE, VARCHAR }

  private final List<Path> files;
  private final Schema schema;
  private final Kind[] kinds;

  CalciteCsvTable(List<Path> files, Schema schema) {
    if (files.isEmpty()) {
      throw new IllegalArgumentException("a table needs at least one file");
    }
    this.files = List.copyOf(files);
    this.schema = schema;
    List<Field> fields = schema.getFields();
    this.kinds = new Kind[fields.size()];
    for (int i = 0; i < kinds.length; i++) {
      kinds[i] = kind(fields.get(i));
    }
  }

  private static Kind kind(Field field) {
    ArrowType t = field.getType();
    if (t instanceof ArrowType.Int i) {
      return i.getBitWidth() == 64 ? Kind.BIGINT : Kind.INTEGER;
    } else if (t instanceof ArrowType.Decimal) {
      return Kind.DECIMAL;
    } else if (t instanceof ArrowType.Date) {
      return Kind.DATE;
    } else if (t instanceof ArrowType.Utf8) {
      return Kind.VARCHAR;
    }
    throw new IllegalArgumentException("column " + field.getName() + " has an unsupported type " + t);
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    RelDataTypeFactory.Builder builder = typeFactory.builder();
    for (int i = 0; i < kinds.length; i++) {
      Field f = schema.getFields().get(i);
      RelDataType type;
      switch (kinds[i]) {
        case BIGINT:
          type = typeFactory.createSqlType(SqlTypeName.BIGINT);
          break;
        case INTEGER:
          type = typeFactory.createSqlType(SqlTypeName.INTEGER);
          break;
        case DECIMAL:
          ArrowType.Decimal d = (ArrowType.Decimal) f.getType();
          type = typeFactory.createSqlType(SqlTypeName.DECIMAL, d.getPrecision(), d.getScale());
          break;
        case DATE:
          type = typeFactory.createSqlType(SqlTypeName.DATE);
          break;
        case VARCHAR:
          type = typeFactory.createSqlType(SqlTypeName.VARCHAR);
          break;
        default:
          throw new AssertionError(kinds[i]);
      }
      builder.add(f.getName(), type);
    }
    return builder.build();
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    AtomicBoolean cancelFlag = DataContext.Variable.CANCEL_FLAG.get(root);
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object[]> enumerator() {
        return new Rows(cancelFlag);
      }
    };
  }

  /** Reads the files line by line, skipping each header. */
  private final class Rows implements Enumerator<Object[]> {
    private final AtomicBoolean cancelFlag;
    private final List<String> fields = new ArrayList<>();
    private BufferedReader reader;
    private Path file;
    private int fileIndex;
    private long lineNumber;
    private Object[] current;

    Rows(AtomicBoolean cancelFlag) {
      this.cancelFlag = cancelFlag;
      open();
    }

    private void open() {
      fileIndex = 0;
      openFile();
    }

    private void openFile() {
      file = files.get(fileIndex);
      try {
        reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        reader.readLine();
        lineNumber = 1;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file + ": " + e, e);
      }
    }

    @Override
    public Object[] current() {
      return current;
    }

    @Override
    public boolean moveNext() {
      if (cancelFlag != null && cancelFlag.get()) {
        throw new IllegalStateException("query cancelled while reading " + file);
      }
      String line;
      try {
        line = reader.readLine();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file + ": " + e, e);
      }
      while (line == null) {
        close();
        if (++fileIndex >= files.size()) {
          fileIndex = files.size();
          current = null;
          return false;
        }
        openFile();
        try {
          line = reader.readLine();
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read " + file + ": " + e, e);
        }
      }
      lineNumber++;
      String where = file + " line " + lineNumber;
      CsvFieldSplitter.split(line, fields, where);
      if (fields.size() != kinds.length) {
        throw new IllegalArgumentException(where + ": expected " + kinds.length + " fields, found " + fields.size());
      }
      Object[] row = new Object[kinds.length];
      for (int i = 0; i < kinds.length; i++) {
        row[i] = value(kinds[i], fields.get(i), where);
      }
      current = row;
      return true;
    }

    private Object value(Kind kind, String text, String where) {
      try {
        switch (kind) {
          case BIGINT:
            return Long.parseLong(text);
          case INTEGER:
            return Integer.parseInt(text);
          case DECIMAL:
            return new BigDecimal(text);
          case DATE:
            return (int) LocalDate.parse(text).toEpochDay();
          case VARCHAR:
            return text;
          default:
            throw new AssertionError(kind);
        }
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(where + ": '" + text + "' is not a " + kind, e);
      }
    }

    @Override
    public void reset() {
      close();
      open();
    }

    @Override
    public void close() {
      try {
        reader.close();  // closing twice is harmless
      } catch (IOException e) {
        throw new UncheckedIOException("cannot close " + file + ": " + e, e);
      }
    }
  }
}
