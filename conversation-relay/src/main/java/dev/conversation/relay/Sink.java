package dev.conversation.relay;

import io.cloudevents.CloudEvent;
import java.util.Objects;

/**
 * Where a {@link Relay} delivers events: a webhook ({@link WebhookSink}), a broker, or the host's
 * own. A sink says for each event whether it was delivered, should be tried again later, or was
 * refused for good; the relay keeps the order, the retries and the checkpoint. Implementations
 * are called from the relay's one thread, one event at a time, and must bound every call with a
 * timeout.
 */
@FunctionalInterface
public interface Sink {

  /**
   * Delivers one event. Throwing counts as {@link Result#retry}: the relay tries again later.
   *
   * @return what became of it
   */
  Result deliver(CloudEvent event);

  /** What became of one delivery. */
  sealed interface Result {

    /** The receiver acknowledged the event. */
    static Result delivered() {
      return Delivered.INSTANCE;
    }

    /** The receiver could not take it now (down, overloaded, timed out): the relay tries again later. */
    static Result retry(String reason) {
      return new Retry(reason);
    }

    /** The receiver refused it for good (a 4xx, say): the relay parks it. */
    static Result refused(String reason) {
      return new Refused(reason);
    }
  }

  /** Delivered. */
  enum Delivered implements Result { INSTANCE }

  /**
   * Try again later.
   *
   * @param reason what went wrong, for the relay's stats and the parking reason
   */
  record Retry(String reason) implements Result {
    /** Creates the value. */
    public Retry {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * Refused for good.
   *
   * @param reason why, kept with the parked event
   */
  record Refused(String reason) implements Result {
    /** Creates the value. */
    public Refused {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
