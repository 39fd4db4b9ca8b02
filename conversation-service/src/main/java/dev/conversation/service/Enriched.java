package dev.conversation.service;

import dev.conversation.domain.Account;
import dev.conversation.domain.Contact;
import dev.conversation.domain.Conversation;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * A conversation with its contact and account from the directory. Immutable.
 *
 * @param conversation the conversation
 * @param contact its contact, if linked and found
 * @param account its account, if linked and found
 * @param complete whether every lookup answered in time; false when the directory failed or was
 *     too slow, and then {@code problems} says which lookup
 * @param problems what went wrong with the lookups, in words; empty when complete
 */
public record Enriched(Conversation conversation, Option<Contact> contact, Option<Account> account, boolean complete,
    Seq<String> problems) {

  /** Creates the value; every component is required. */
  public Enriched {
    Objects.requireNonNull(conversation, "conversation");
    Objects.requireNonNull(contact, "contact");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(problems, "problems");
  }
}
