package dev.conversation.service;

import dev.conversation.domain.ContactId;
import java.util.Objects;

/**
 * What {@link Conversations#erase} did. Immutable.
 *
 * @param contact the contact erased
 * @param removedFromDirectory whether the directory held the contact (false when an earlier
 *     erasure already removed it)
 * @param conversations conversations erased now (those already erased are not counted)
 * @param messages messages rewritten
 * @param events events rewritten in the outbox (the {@code Erased} events appended not counted)
 */
public record ContactErasure(ContactId contact, boolean removedFromDirectory, long conversations, long messages,
    long events) {

  /** Creates the value; the contact is required. */
  public ContactErasure {
    Objects.requireNonNull(contact, "contact");
  }
}
