package dev.conversation.domain;

import io.vavr.collection.Seq;
import java.util.Objects;

/**
 * Who may see a message: the one rule every customer-facing rendering goes through. A
 * {@linkplain MessageType#NOTE note} is for the staff; everything else is for both sides. Wire
 * formats and hosts that show a thread to a customer filter it with {@link #forCustomer}; staff
 * views show every message and mark notes by {@link Message#type()}. Stateless.
 */
public final class Visibility {

  private Visibility() {}

  /** Returns whether the customer may see the message. */
  public static boolean customerSees(Message message) {
    return Objects.requireNonNull(message, "message").type() != MessageType.NOTE;
  }

  /** Returns the messages the customer may see, in their order. */
  public static <M extends Message> Seq<M> forCustomer(Seq<M> messages) {
    return Objects.requireNonNull(messages, "messages").filter(Visibility::customerSees);
  }
}
