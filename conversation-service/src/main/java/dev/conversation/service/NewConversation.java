package dev.conversation.service;

import dev.conversation.domain.AccountId;
import dev.conversation.domain.AiAgentId;
import dev.conversation.domain.Channel;
import dev.conversation.domain.ContactId;
import dev.conversation.domain.WorkspaceId;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * A conversation to create; the service gives it its id (or derives it from the idempotency key)
 * and time. Immutable; start from {@link #on(WorkspaceId, Channel)} and add what is known.
 *
 * @param workspace the workspace
 * @param channel the channel
 * @param customerAddress the customer's phone number, e-mail address or handle, as the channel needs
 * @param customerName the customer's name: unless {@code contactId} is given, the contact holding
 *     the address is linked (and named if it has no name), or a new contact with this name and the
 *     addresses is saved in the directory and linked
 * @param contactId the customer's contact, if already known
 * @param accountId the customer's account, if known
 * @param subject the subject
 * @param aiAgentId the AI agent that answers
 * @param firstMessage the first message, if any
 * @param idempotencyKey the client's key: a retried create with the same key returns the
 *     conversation the first request created
 * @param customerEmail the customer's e-mail address, kept on the saved contact beside the
 *     channel's address (for example on an SMS conversation)
 * @param customerPhone the customer's phone number (E.164), kept on the saved contact beside the
 *     channel's address (for example on an e-mail conversation)
 */
public record NewConversation(
    WorkspaceId workspace,
    Channel channel,
    Option<String> customerAddress,
    Option<String> customerName,
    Option<ContactId> contactId,
    Option<AccountId> accountId,
    Option<String> subject,
    Option<AiAgentId> aiAgentId,
    Option<NewMessage> firstMessage,
    Option<String> idempotencyKey,
    Option<String> customerEmail,
    Option<String> customerPhone) {

  /** Creates the request; every component is required. */
  public NewConversation {
    Objects.requireNonNull(workspace, "workspace");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(customerAddress, "customerAddress");
    Objects.requireNonNull(customerName, "customerName");
    Objects.requireNonNull(contactId, "contactId");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(aiAgentId, "aiAgentId");
    Objects.requireNonNull(firstMessage, "firstMessage");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    Objects.requireNonNull(customerEmail, "customerEmail");
    Objects.requireNonNull(customerPhone, "customerPhone");
  }

  /** Creates a request without the contact's further addresses. */
  public NewConversation(WorkspaceId workspace, Channel channel, Option<String> customerAddress, Option<String> customerName,
      Option<ContactId> contactId, Option<AccountId> accountId, Option<String> subject, Option<AiAgentId> aiAgentId,
      Option<NewMessage> firstMessage, Option<String> idempotencyKey) {
    this(workspace, channel, customerAddress, customerName, contactId, accountId, subject, aiAgentId, firstMessage,
        idempotencyKey, Option.none(), Option.none());
  }

  /**
   * Returns this request with the customer's e-mail address: unless a contact id is given, the
   * customer's contact (found by an address, or saved) holds it beside the channel's address.
   */
  public NewConversation customerEmail(String value) {
    return new NewConversation(workspace, channel, customerAddress, customerName, contactId, accountId, subject,
        aiAgentId, firstMessage, idempotencyKey, Option.some(value), customerPhone);
  }

  /**
   * Returns this request with the customer's phone number (E.164): unless a contact id is given,
   * the customer's contact (found by an address, or saved) holds it beside the channel's address.
   */
  public NewConversation customerPhone(String value) {
    return new NewConversation(workspace, channel, customerAddress, customerName, contactId, accountId, subject,
        aiAgentId, firstMessage, idempotencyKey, customerEmail, Option.some(value));
  }

  /** Returns a request for a conversation in {@code workspace} on {@code channel}, with nothing else yet. */
  public static NewConversation on(WorkspaceId workspace, Channel channel) {
    return new NewConversation(workspace, channel, Option.none(), Option.none(), Option.none(), Option.none(),
        Option.none(), Option.none(), Option.none(), Option.none());
  }

  /** Returns this request with the customer's address. */
  public NewConversation customerAddress(String value) {
    return new NewConversation(workspace, channel, Option.some(value), customerName, contactId, accountId, subject, aiAgentId, firstMessage, idempotencyKey, customerEmail, customerPhone);
  }

  /** Returns this request with the customer's name. */
  public NewConversation customerName(String value) {
    return new NewConversation(workspace, channel, customerAddress, Option.some(value), contactId, accountId, subject, aiAgentId, firstMessage, idempotencyKey, customerEmail, customerPhone);
  }

  /** Returns this request linked to a known contact. */
  public NewConversation contactId(ContactId value) {
    return new NewConversation(workspace, channel, customerAddress, customerName, Option.some(value), accountId, subject, aiAgentId, firstMessage, idempotencyKey, customerEmail, customerPhone);
  }

  /** Returns this request linked to a known account. */
  public NewConversation accountId(AccountId value) {
    return new NewConversation(workspace, channel, customerAddress, customerName, contactId, Option.some(value), subject, aiAgentId, firstMessage, idempotencyKey, customerEmail, customerPhone);
  }

  /** Returns this request with a subject. */
  public NewConversation subject(String value) {
    return new NewConversation(workspace, channel, customerAddress, customerName, contactId, accountId, Option.some(value), aiAgentId, firstMessage, idempotencyKey, customerEmail, customerPhone);
  }

  /** Returns this request answered by an AI agent. */
  public NewConversation aiAgentId(AiAgentId value) {
    return new NewConversation(workspace, channel, customerAddress, customerName, contactId, accountId, subject, Option.some(value), firstMessage, idempotencyKey, customerEmail, customerPhone);
  }

  /** Returns this request with a first message. */
  public NewConversation firstMessage(NewMessage value) {
    return new NewConversation(workspace, channel, customerAddress, customerName, contactId, accountId, subject, aiAgentId, Option.some(value), idempotencyKey, customerEmail, customerPhone);
  }

  /** Returns this request with an idempotency key. */
  public NewConversation idempotencyKey(String value) {
    return new NewConversation(workspace, channel, customerAddress, customerName, contactId, accountId, subject, aiAgentId, firstMessage, Option.some(value), customerEmail, customerPhone);
  }
}
