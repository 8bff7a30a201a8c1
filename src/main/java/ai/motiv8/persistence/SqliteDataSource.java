package ai.motiv8.persistence;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

/**
 * SQLite connections for the Vert.x JDBC pool that really leave a transaction when it ends.
 *
 * <p>Why: Vert.x 5.0.7's JDBC client ends a transaction with {@code commit()} (or
 * {@code rollback()}) followed by {@code setAutoCommit(false)}, where {@code true} was meant; and
 * sqlite-jdbc, when not in auto-commit, begins the next transaction right after a commit. Together
 * the pool's connection stays inside an open {@code BEGIN IMMEDIATE} for good after its first
 * {@code withTransaction}: it holds SQLite's write lock (every other process on the file, such as
 * {@code motiv8 batch run} next to the service, gets SQLITE_BUSY), and later single statements are
 * not committed until the next transaction commits, so a crash loses them (the batch's "mailed"
 * marks among them). Measured with a probe; see {@code SqliteTransactionTest}.
 *
 * <p>The connection returned here turns auto-commit back on right after {@code commit()} and
 * {@code rollback()}, and ignores the one {@code setAutoCommit(false)} the pool sends straight after.
 * A pool that sends {@code setAutoCommit(true)} there instead keeps working unchanged.
 */
final class SqliteDataSource implements DataSource {

  private final String url;

  SqliteDataSource(String url) {
    this.url = url;
  }

  @Override
  public Connection getConnection() throws SQLException {
    Connection real = DriverManager.getConnection(url);
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
        new EndsTransactions(real));
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return getConnection();
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
  }

  @Override
  public void setLoginTimeout(int seconds) {
  }

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    throw new SQLException("Not a wrapper for " + type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return false;
  }

  /** Confined to the one pool connection it wraps (the pool runs its calls one at a time). */
  private static final class EndsTransactions implements InvocationHandler {

    private final Connection real;
    private boolean justEnded;

    EndsTransactions(Connection real) {
      this.real = real;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      boolean noArguments = args == null || args.length == 0;
      if (noArguments && (name.equals("commit") || name.equals("rollback"))) {
        try {
          return call(method, args);
        } finally {
          real.setAutoCommit(true);
          justEnded = true;
        }
      }
      if (name.equals("setAutoCommit")) {
        boolean straightAfterEnd = justEnded;
        justEnded = false;
        if (straightAfterEnd && !((Boolean) args[0])) {
          return null;
        }
      }
      return call(method, args);
    }

    private Object call(Method method, Object[] args) throws Throwable {
      try {
        return method.invoke(real, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }
}
