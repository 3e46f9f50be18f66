package io.gleam.jdbc;

import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.Meta;

/** A prepared statement whose {@link #cancel()} cancels the query running on the engine session. */
final class GleamPreparedStatement extends AvaticaPreparedStatement {
  GleamPreparedStatement(AvaticaConnection connection, Meta.StatementHandle h, Meta.Signature signature,
      int resultSetType, int resultSetConcurrency, int resultSetHoldability) throws SQLException {
    super(connection, h, signature, resultSetType, resultSetConcurrency, resultSetHoldability);
  }

  @Override
  public void cancel() throws SQLException {
    ((GleamConnection) connection).gleamMeta().cancel();
    super.cancel();
  }
}
