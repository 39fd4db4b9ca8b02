package dev.conversation.persistence.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A data source that passes everything to a real one and records the most rows any one result
 * set was read for: what shows a store reads in bounded batches.
 */
final class RowCountingDataSource {

  final AtomicInteger mostRowsPerResult = new AtomicInteger();
  final AtomicInteger results = new AtomicInteger();
  final DataSource dataSource;

  RowCountingDataSource(DataSource real) {
    this.dataSource = wrap(DataSource.class, real);
  }

  @SuppressWarnings("unchecked")
  private <T> T wrap(Class<T> type, T real) {
    InvocationHandler handler = (proxy, method, args) -> {
      Object result;
      try {
        result = method.invoke(real, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
      if (result instanceof Connection c && method.getReturnType() == Connection.class) {
        return wrap(Connection.class, c);
      }
      if (result instanceof PreparedStatement s && method.getReturnType() == PreparedStatement.class) {
        return wrap(PreparedStatement.class, s);
      }
      if (result instanceof Statement s && method.getReturnType() == Statement.class) {
        return wrap(Statement.class, s);
      }
      if (result instanceof ResultSet r && method.getReturnType() == ResultSet.class) {
        results.incrementAndGet();
        return counted(r);
      }
      return result;
    };
    return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
  }

  private ResultSet counted(ResultSet real) {
    AtomicInteger rows = new AtomicInteger();
    InvocationHandler handler = (proxy, method, args) -> {
      Object result;
      try {
        result = method.invoke(real, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
      if (method.getName().equals("next") && Boolean.TRUE.equals(result)) {
        mostRowsPerResult.accumulateAndGet(rows.incrementAndGet(), Math::max);
      }
      return result;
    };
    return (ResultSet) Proxy.newProxyInstance(ResultSet.class.getClassLoader(), new Class<?>[] {ResultSet.class}, handler);
  }
}
