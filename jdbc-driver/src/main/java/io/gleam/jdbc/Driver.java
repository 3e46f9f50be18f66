package io.gleam.jdbc;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaFactory;
import org.apache.calcite.avatica.DriverVersion;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.UnregisteredDriver;

/**
 * The embedded Gleam JDBC driver: {@code jdbc:gleam:local} runs SQL in this JVM on a catalog held in memory,
 * {@code jdbc:gleam:local:DIR} on a catalog persisted in DIR. Each connection opens its own engine session.
 */
public class Driver extends UnregisteredDriver {
  /** Connection property under which {@link #connect} passes the catalog directory to {@link #createMeta}. */
  private static final String CATALOG_PROPERTY = "gleam.internal.catalog";

  static {
    new Driver().register();
  }

  private final SessionFactory sessions;

  /** A driver that opens sessions with the discovered {@link SessionFactory}. */
  public Driver() {
    this(null);
  }

  private Driver(SessionFactory sessions) {
    this.sessions = sessions;
  }

  /** A driver, not registered with {@link DriverManager}, whose connections use the given sessions. */
  public static Driver withSessionFactory(SessionFactory sessions) {
    return new Driver(requireNonNull(sessions, "sessions is null"));
  }

  @Override
  protected String getConnectStringPrefix() {
    return GleamUrl.LOCAL;
  }

  @Override
  public boolean acceptsURL(String url) {
    return GleamUrl.accepts(url);
  }

  @Override
  protected DriverVersion createDriverVersion() {
    return new DriverVersion("Gleam JDBC Driver", "0.1.0", "Gleam", "0.1.0", true, 0, 1, 0, 1);
  }

  @Override
  protected AvaticaFactory createFactory() {
    return new GleamJdbcFactory();
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    GleamUrl parsed;
    try {
      parsed = GleamUrl.parse(url);
    } catch (IllegalArgumentException e) {
      throw new SQLException(e.getMessage(), e);
    }
    Properties props = new Properties();
    if (info != null) {
      props.putAll(info);
    }
    props.setProperty(CATALOG_PROPERTY, parsed.catalogDir().map(Path::toString).orElse(""));
    try {
      return super.connect(url, props);
    } catch (RuntimeException e) {
      throw new SQLException(e.getMessage(), e);
    }
  }

  @Override
  public Meta createMeta(AvaticaConnection connection) {
    String dir = ((GleamConnection) connection).connectionInfo().getProperty(CATALOG_PROPERTY, "");
    Optional<Path> catalogDir = dir.isEmpty() ? Optional.empty() : Optional.of(Path.of(dir));
    SessionFactory factory = sessions != null ? sessions : SessionFactories.discover();
    return new GleamMeta(connection, factory.open(catalogDir));
  }
}
