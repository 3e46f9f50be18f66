package io.gleam.jdbc;

import io.gleam.planner.ErrorCode;
import io.gleam.planner.GleamException;
import io.gleam.sql.engine.SqlSession;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Finds the {@link SessionFactory} the driver uses: the first one registered with {@link ServiceLoader}, otherwise
 * one that creates the engine's {@code io.gleam.sql.engine.LocalSqlSession} by reflection (a constructor or static
 * {@code open}/{@code create} method taking the catalog directory as {@code Path} or {@code Optional<Path>}, or
 * nothing for memory): {@code LocalSqlSession.open(Path)} keeps the catalog and managed tables in the directory.
 */
public final class SessionFactories {
  static final String LOCAL_SESSION_CLASS = "io.gleam.sql.engine.LocalSqlSession";

  private SessionFactories() {}

  /** Returns the registered factory, or the reflective one over {@code LocalSqlSession}. */
  public static SessionFactory discover() {
    Iterator<SessionFactory> found = ServiceLoader.load(SessionFactory.class).iterator();
    if (found.hasNext()) {
      return found.next();
    }
    return local();
  }

  /** The factory that creates the engine's {@code LocalSqlSession} by reflection. */
  public static SessionFactory local() {
    return SessionFactories::openLocal;
  }

  private static SqlSession openLocal(Optional<Path> catalogDir) {
    Class<?> type;
    try {
      type = Class.forName(LOCAL_SESSION_CLASS);
    } catch (ClassNotFoundException e) {
      throw new GleamException(ErrorCode.INTERNAL, "no SQL engine on the class path: " + LOCAL_SESSION_CLASS
          + " not found", e);
    }
    try {
      Optional<SqlSession> session = construct(type, catalogDir);
      if (session.isEmpty()) {
        session = callOpen(type, catalogDir);
      }
      return session.orElseThrow(() -> new GleamException(ErrorCode.INTERNAL, LOCAL_SESSION_CLASS
          + " has no constructor or open method taking " + (catalogDir.isPresent() ? "a catalog Path" : "nothing")));
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new GleamException(ErrorCode.INTERNAL, "cannot open a SQL session: " + cause, cause);
    } catch (ReflectiveOperationException e) {
      throw new GleamException(ErrorCode.INTERNAL, "cannot open a SQL session: " + e, e);
    }
  }

  private static Optional<SqlSession> construct(Class<?> type, Optional<Path> dir)
      throws ReflectiveOperationException {
    for (Constructor<?> c : type.getConstructors()) {
      Optional<Object[]> args = arguments(c.getParameterTypes(), dir);
      if (args.isPresent()) {
        return Optional.of((SqlSession) c.newInstance(args.get()));
      }
    }
    return Optional.empty();
  }

  private static Optional<SqlSession> callOpen(Class<?> type, Optional<Path> dir)
      throws ReflectiveOperationException {
    for (Method m : type.getMethods()) {
      if (Modifier.isStatic(m.getModifiers()) && SqlSession.class.isAssignableFrom(m.getReturnType())
          && (m.getName().equals("open") || m.getName().equals("create"))) {
        Optional<Object[]> args = arguments(m.getParameterTypes(), dir);
        if (args.isPresent()) {
          return Optional.of((SqlSession) m.invoke(null, args.get()));
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<Object[]> arguments(Class<?>[] params, Optional<Path> dir) {
    if (params.length == 0) {
      return dir.isEmpty() ? Optional.of(new Object[0]) : Optional.empty();
    }
    if (params.length != 1) {
      return Optional.empty();
    }
    if (params[0] == Optional.class) {
      return Optional.of(new Object[] {dir});
    }
    if (params[0] == Path.class && dir.isPresent()) {
      return Optional.of(new Object[] {dir.get()});
    }
    return Optional.empty();
  }
}
