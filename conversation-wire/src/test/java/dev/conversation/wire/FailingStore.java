package dev.conversation.wire;

import dev.conversation.persistence.ConversationStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.function.BiPredicate;
import java.util.function.Supplier;

/** A store that answers like another except that chosen calls throw: how the wire tests make a store fail. */
public final class FailingStore {

  private FailingStore() {}

  /** Answers like {@code delegate}, except that every call of {@code method} throws {@code failure}. */
  public static ConversationStore failing(ConversationStore delegate, String method, Supplier<? extends Throwable> failure) {
    return failing(delegate, (name, args) -> name.equals(method), failure);
  }

  /** Answers like {@code delegate}, except that a call for which {@code when(method name, arguments)} holds throws {@code failure}. */
  public static ConversationStore failing(ConversationStore delegate, BiPredicate<String, Object[]> when,
      Supplier<? extends Throwable> failure) {
    return (ConversationStore) Proxy.newProxyInstance(ConversationStore.class.getClassLoader(),
        new Class<?>[] {ConversationStore.class}, (proxy, m, args) -> {
          if (when.test(m.getName(), args)) {
            throw failure.get();
          }
          try {
            return m.invoke(delegate, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
