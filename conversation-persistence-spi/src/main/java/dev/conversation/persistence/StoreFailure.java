package dev.conversation.persistence;

/**
 * An infrastructure failure of a store: a lost connection, a timeout, a full disk. A store throws
 * this (wrapping the cause) rather than its driver's exceptions, so callers can tell a failure of
 * the infrastructure, which they report and may retry, from a bug, which they must not hide.
 * After a failed {@link ConversationStore#commit commit} nothing of it is visible.
 */
public class StoreFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Creates the failure with what was being done and its cause. */
  public StoreFailure(String message, Throwable cause) {
    super(message, cause);
  }

  /** Creates the failure with what went wrong. */
  public StoreFailure(String message) {
    super(message);
  }
}
