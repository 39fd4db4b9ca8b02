package dev.conversation.persistence.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A non-pooled data source over a real database whose connections a test can kill for real right
 * before a chosen step of a transaction. A step is a statement execution ({@code execute},
 * {@code executeUpdate}, {@code executeQuery}, {@code executeBatch} and their large variants) or
 * the {@code commit()} call, counted from {@code setAutoCommit(false)} on that connection. In
 * auto-commit mode a statement that writes is a transaction of one step (the store's
 * one-statement append); reads there are neither counted nor killed.
 *
 * <p>Nothing is simulated: the {@link Killer} ends the physical connection (PostgreSQL: the
 * backend is terminated from another session; H2: the physical connection is closed, which rolls
 * its transaction back), and then the real call goes ahead and meets the real failure.
 *
 * <p>It can also record the steps of every transaction, so a test learns a commit's kill points
 * by running it once instead of hard-coding them.
 */
final class KillableDataSource implements DataSource {

  /** How one database ends one of its connections for real. */
  interface Killer {

    /** Learns what {@link #kill} will need, when the connection is handed out (PostgreSQL: the backend pid). */
    Object identify(Connection physical) throws SQLException;

    /** Ends the connection; returns only once it is gone. */
    void kill(Connection physical, Object identity) throws SQLException;
  }

  /** One step of a transaction: what was called, and the statement's SQL (none for commit). */
  record Step(String call, String sql) {

    static final Step COMMIT = new Step("commit", "COMMIT");

    @Override
    public String toString() {
      return call.equals("commit") ? "commit()" : call + "(" + sql + ")";
    }
  }

  private static final Set<String> EXECUTIONS = Set.of(
      "execute", "executeUpdate", "executeQuery", "executeBatch", "executeLargeUpdate", "executeLargeBatch");

  private final DataSource physical;
  private final Killer killer;
  private final boolean outsideAutoCommit;
  private final List<List<Step>> transactions = Collections.synchronizedList(new ArrayList<>());
  private volatile boolean recording;
  private volatile int killBefore;
  private volatile Step killed;
  private volatile Hook hook = (index, step) -> {};

  /** Called before every step of a transaction, on the thread that takes it. */
  @FunctionalInterface
  interface Hook {
    void before(int index, Step step) throws Exception;
  }

  KillableDataSource(DataSource physical, Killer killer) {
    this(physical, killer, false);
  }

  /** With {@code outsideAutoCommit}, every connection is handed out with auto-commit off, as some pools do. */
  KillableDataSource(DataSource physical, Killer killer, boolean outsideAutoCommit) {
    this.physical = physical;
    this.killer = killer;
    this.outsideAutoCommit = outsideAutoCommit;
  }

  /** Whether a statement writes: an insert, update or delete, or a {@code WITH} holding one. */
  static boolean writes(String sql) {
    if (sql == null) {
      return false;
    }
    String s = sql.stripLeading().toUpperCase(java.util.Locale.ROOT);
    if (s.startsWith("INSERT") || s.startsWith("UPDATE") || s.startsWith("DELETE")) {
      return true;
    }
    return s.startsWith("WITH") && (s.contains("INSERT ") || s.contains("UPDATE ") || s.contains("DELETE "));
  }

  /** Starts recording the steps of every transaction, forgetting what was recorded before. */
  void record() {
    transactions.clear();
    recording = true;
  }

  /** Stops recording and returns the steps of each transaction recorded, in order. */
  List<List<Step>> recorded() {
    recording = false;
    synchronized (transactions) {
      return transactions.stream().map(List::copyOf).toList();
    }
  }

  /** Kills the connection of the next transaction that reaches its {@code step}-th step (1-based), once. */
  void killBeforeStep(int step) {
    if (step < 1) {
      throw new IllegalArgumentException("steps are counted from 1: " + step);
    }
    killed = null;
    killBefore = step;
  }

  /** Returns the step the connection was killed before, or null if no kill happened since arming. */
  Step killed() {
    return killed;
  }

  /** Runs {@code value} before every step of every transaction (to hold a transaction at a step). */
  void beforeEachStep(Hook value) {
    this.hook = value;
  }

  /** Disarms any pending kill. */
  void disarm() {
    killBefore = 0;
  }

  @Override
  public Connection getConnection() throws SQLException {
    Connection c = physical.getConnection();
    try {
      Object identity = killer.identify(c);
      if (outsideAutoCommit) {
        c.setAutoCommit(false);  // the proxy still counts from the store's own setAutoCommit(false)
      }
      return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
          new ConnectionHandler(c, identity));
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("the killable data source has one user");
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return physical.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    physical.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    physical.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return physical.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return physical.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw new SQLException("not a wrapper for " + iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }

  private static Object forward(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** One physical connection: counts the steps of its transaction and kills it when told. */
  private final class ConnectionHandler implements InvocationHandler {
    private final Connection physicalConnection;
    private final Object identity;
    private boolean autoCommit = true;
    private int steps;
    private List<Step> transaction = new ArrayList<>();

    ConnectionHandler(Connection physicalConnection, Object identity) {
      this.physicalConnection = physicalConnection;
      this.identity = identity;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      switch (method.getName()) {
        case "setAutoCommit" -> {
          boolean on = (Boolean) args[0];
          if (!on && autoCommit) {
            steps = 0;
            transaction = new ArrayList<>();
            if (recording) {
              transactions.add(transaction);
            }
          }
          Object result = forward(physicalConnection, method, args);
          autoCommit = on;
          return result;
        }
        case "commit" -> {
          beforeStep(Step.COMMIT);
          return forward(physicalConnection, method, args);
        }
        case "prepareStatement", "prepareCall", "createStatement" -> {
          Statement statement = (Statement) forward(physicalConnection, method, args);
          String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : null;
          Class<?> type = method.getReturnType();
          return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type},
              new StatementHandler(this, statement, sql, (Connection) proxy));
        }
        case "unwrap", "isWrapperFor" -> {
          return forward(physicalConnection, method, args);
        }
        case "toString" -> {
          return "killable " + physicalConnection;
        }
        default -> {
          return forward(physicalConnection, method, args);
        }
      }
    }

    void beforeStep(Step step) throws SQLException {
      if (autoCommit) {
        if (!writes(step.sql())) {
          return;
        }
        steps = 0;
        transaction = new ArrayList<>();
        if (recording) {
          transactions.add(transaction);
        }
      }
      steps++;
      transaction.add(step);
      try {
        hook.before(steps, step);
      } catch (SQLException | RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException("the step hook failed", e);
      }
      if (killBefore == steps) {
        killBefore = 0;
        killer.kill(physicalConnection, identity);
        killed = step;
      }
    }
  }

  /** One statement of a connection: its executions are steps of the connection's transaction. */
  private static final class StatementHandler implements InvocationHandler {
    private final ConnectionHandler connection;
    private final Statement statement;
    private final String preparedSql;
    private final Connection proxyConnection;

    StatementHandler(ConnectionHandler connection, Statement statement, String preparedSql, Connection proxyConnection) {
      this.connection = connection;
      this.statement = statement;
      this.preparedSql = preparedSql;
      this.proxyConnection = proxyConnection;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      if (EXECUTIONS.contains(name)) {
        String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : preparedSql;
        connection.beforeStep(new Step(name, sql));
      } else if (name.equals("getConnection")) {
        return proxyConnection;
      }
      return forward(statement, method, args);
    }
  }

  /** Kills a PostgreSQL connection by terminating its backend from an administrator's session. */
  static Killer postgres(DataSource admin) {
    return new Killer() {
      @Override
      public Object identify(Connection physical) throws SQLException {
        try (Statement s = physical.createStatement(); ResultSet r = s.executeQuery("SELECT pg_backend_pid()")) {
          r.next();
          return r.getInt(1);
        }
      }

      @Override
      public void kill(Connection physical, Object pid) throws SQLException {
        try (Connection c = admin.getConnection();
            PreparedStatement s = c.prepareStatement("SELECT pg_terminate_backend(?, 10000)")) {
          s.setInt(1, (Integer) pid);
          try (ResultSet r = s.executeQuery()) {
            r.next();
            if (!r.getBoolean(1)) {
              throw new IllegalStateException("backend " + pid + " was not terminated within 10 s");
            }
          }
        }
      }
    };
  }

  /** Kills an H2 connection by closing it: the physical close rolls its open transaction back. */
  static Killer h2() {
    return new Killer() {
      @Override
      public Object identify(Connection physical) {
        return "h2";
      }

      @Override
      public void kill(Connection physical, Object identity) throws SQLException {
        physical.close();
      }
    };
  }
}
