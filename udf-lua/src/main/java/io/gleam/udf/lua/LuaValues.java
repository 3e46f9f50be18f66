package io.gleam.udf.lua;

import static java.util.Objects.requireNonNull;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.VarCharVector;
import org.luaj.vm2.LuaInteger;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * Converts values between Java ({@link io.gleam.planner.Row} values) and Lua, and between Arrow UTF-8 bytes and Lua
 * strings without decoding them.
 *
 * <p>Java to Lua: {@code Long}, {@code Integer} and other integers become Lua numbers (LuaJ keeps integers exactly
 * up to 2^53 only), {@code Double} and {@code BigDecimal} become (double) numbers, {@code String} a Lua string (UTF-8
 * bytes), {@code Boolean} a boolean, dates and timestamps their ISO-8601 text, {@code null} nil, a {@code List} or
 * array an array table {@code {v1, v2, ...}} and a {@code Map} a table.
 *
 * <p>Lua to Java: an integer-valued number becomes a {@code Long} ({@code 1+1} is {@code 2L}; Lua 5.2 has one
 * number type, so {@code 4/2} is {@code 2L} too), any other number a {@code Double}, a string a {@code String}, a
 * boolean a {@code Boolean}, nil {@code null}, an array table a {@code List} and a Java object (luajava) itself. A
 * table with other keys, a function or a coroutine cannot be a column value.
 */
public final class LuaValues {
  private static final double TWO_TO_63 = 0x1p63;

  private LuaValues() {}

  /** The Lua value of a Java value; see the class comment for the mapping. */
  public static LuaValue toLua(Object value) {
    if (value == null) {
      return LuaValue.NIL;
    } else if (value instanceof String s) {
      return LuaString.valueUsing(s.getBytes(StandardCharsets.UTF_8));
    } else if (value instanceof Long l) {
      return LuaInteger.valueOf(l.longValue());
    } else if (value instanceof Integer i) {
      return LuaValue.valueOf(i.intValue());
    } else if (value instanceof Double d) {
      return LuaValue.valueOf(d.doubleValue());
    } else if (value instanceof Boolean b) {
      return LuaValue.valueOf(b.booleanValue());
    } else if (value instanceof LuaValue v) {
      return v;
    } else if (value instanceof Short || value instanceof Byte) {
      return LuaValue.valueOf(((Number) value).intValue());
    } else if (value instanceof BigInteger i && i.bitLength() < 64) {
      return LuaInteger.valueOf(i.longValue());
    } else if (value instanceof Number n) {
      return LuaValue.valueOf(n.doubleValue());
    } else if (value instanceof Temporal || value instanceof Character) {
      return LuaValue.valueOf(value.toString());
    } else if (value instanceof byte[] bytes) {
      return LuaString.valueOf(bytes);
    } else if (value instanceof List<?> list) {
      LuaValue[] elements = new LuaValue[list.size()];
      for (int i = 0; i < elements.length; i++) {
        elements[i] = toLua(list.get(i));
      }
      return LuaValue.listOf(elements);
    } else if (value instanceof Object[] array) {
      return toLua(Arrays.asList(array));
    } else if (value instanceof Map<?, ?> map) {
      LuaTable table = new LuaTable();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (entry.getKey() != null) {
          table.set(toLua(entry.getKey()), toLua(entry.getValue()));
        }
      }
      return table;
    }
    throw GleamException.user(ErrorCode.LUA_ERROR, "cannot pass a value of Java type %s to Lua: %s",
        value.getClass().getName(), value);
  }

  /** Lua values for a row's Java values, as one argument list. */
  public static Varargs toLuaArgs(Object[] values) {
    requireNonNull(values, "values is null");
    switch (values.length) {
      case 0:
        return LuaValue.NONE;
      case 1:
        return toLua(values[0]);
      default:
        LuaValue[] args = new LuaValue[values.length];
        for (int i = 0; i < args.length; i++) {
          args[i] = toLua(values[i]);
        }
        return LuaValue.varargsOf(args);
    }
  }

  /** The Java value of a Lua value; see the class comment for the mapping. */
  public static Object toJava(LuaValue value) {
    if (value instanceof LuaInteger i) {
      return (long) i.v;
    }
    switch (value.type()) {
      case LuaValue.TNIL:
      case LuaValue.TNONE:
        return null;
      case LuaValue.TBOOLEAN:
        return value.toboolean();
      case LuaValue.TNUMBER:
        return toJavaNumber(value);
      case LuaValue.TSTRING:
        LuaString s = value.checkstring();
        return new String(s.m_bytes, s.m_offset, s.m_length, StandardCharsets.UTF_8);
      case LuaValue.TTABLE:
        return toJavaList((LuaTable) value);
      case LuaValue.TUSERDATA:
      case LuaValue.TLIGHTUSERDATA:
        return value.touserdata();
      default:
        throw GleamException.user(ErrorCode.LUA_ERROR,
            "a Lua %s cannot be a column value; return a number, string, boolean, nil or array table",
            value.typename());
    }
  }

  /** All values of a Lua argument or result list as Java values, one per value (nil as null). */
  public static Object[] toJavaRow(Varargs values) {
    int n = values.narg();
    Object[] row = new Object[n];
    for (int i = 0; i < n; i++) {
      row[i] = toJava(values.arg(i + 1));
    }
    return row;
  }

  private static Object toJavaNumber(LuaValue value) {
    if (value.isint()) {
      return (long) value.toint();
    }
    double d = value.todouble();
    if (d == Math.rint(d) && d >= -TWO_TO_63 && d < TWO_TO_63) {
      return (long) d;
    }
    return d;
  }

  private static List<Object> toJavaList(LuaTable table) {
    int length = table.rawlen();
    LuaValue key = LuaValue.NIL;
    while (true) {
      key = table.next(key).arg1();
      if (key.isnil()) {
        break;
      }
      if (!key.isint() || key.toint() < 1 || key.toint() > length) {
        throw GleamException.user(ErrorCode.LUA_ERROR,
            "a Lua table with key %s cannot be a column value; only array tables {v1, v2, ...} become lists",
            key.type() == LuaValue.TSTRING ? "'" + key.tojstring() + "'" : key.tojstring());
      }
    }
    List<Object> list = new ArrayList<>(length);
    for (int i = 1; i <= length; i++) {
      list.add(toJava(table.rawget(i)));
    }
    return list;
  }

  /**
   * A Lua string of a copy of {@code len} UTF-8 bytes from {@code bytes} at {@code off}, without decoding them.
   * It copies because Lua strings are immutable and their substrings (e.g. {@code gmatch} results) share the array.
   */
  public static LuaString fromUtf8(byte[] bytes, int off, int len) {
    return LuaString.valueUsing(Arrays.copyOfRange(bytes, off, off + len));
  }

  /** A Lua string over {@code bytes} without copying; the caller hands the array over and never changes it. */
  public static LuaString wrapUtf8(byte[] bytes) {
    return LuaString.valueUsing(bytes);
  }

  /** The value at {@code index} of a VarChar vector as a Lua string (one copy, no decoding), or nil. */
  public static LuaValue fromVarChar(VarCharVector vector, int index) {
    if (vector.isNull(index)) {
      return LuaValue.NIL;
    }
    int start = vector.getStartOffset(index);
    int length = vector.getEndOffset(index) - start;
    byte[] bytes = new byte[length];
    ArrowBuf data = vector.getDataBuffer();
    data.getBytes(start, bytes, 0, length);
    return LuaString.valueUsing(bytes);
  }

  /** A copy of the UTF-8 bytes of a Lua string (a number is formatted first), without decoding them. */
  public static byte[] toUtf8(LuaValue value) {
    LuaString s = value.checkstring();
    return Arrays.copyOfRange(s.m_bytes, s.m_offset, s.m_offset + s.m_length);
  }

  /**
   * Writes a Lua value into a VarChar vector at {@code index} without decoding it: a string's bytes as they are, a
   * number as Lua formats it, nil as null. Grows the vector as needed.
   */
  public static void setVarChar(VarCharVector vector, int index, LuaValue value) {
    if (value.isnil()) {
      vector.setNull(index);
      return;
    }
    if (!value.isstring()) {
      throw GleamException.user(ErrorCode.LUA_ERROR, "column '%s' takes a string, the Lua function returned a %s",
          vector.getName(), value.typename());
    }
    LuaString s = value.strvalue();
    vector.setSafe(index, s.m_bytes, s.m_offset, s.m_length);
  }
}
