package dev.conversation.domain;

import io.vavr.control.Option;
import java.util.Objects;

/**
 * A request to start a conversation, decided by {@link Lifecycle#start}. Start from
 * {@link #of(ConversationId, TenantId, WorkspaceId, Channel)} and add what is known.
 *
 * @param id the new conversation's id
 * @param tenantId its tenant
 * @param workspaceId its workspace
 * @param channel its channel
 * @param customerAddress the customer's phone number, e-mail address or handle, as typed; the
 *     channel decides which is required ({@link ChannelType#requires()})
 * @param contactId the contact, if already resolved
 * @param accountId the account, if already resolved
 * @param subject the subject, if any (at most {@value Limits#MAX_SUBJECT} characters)
 * @param aiAgentId the AI agent configuration to handle it, if the host has several
 * @param firstMessage a first message to append in the same decision, if any
 */
public record StartConversation(
    ConversationId id,
    TenantId tenantId,
    WorkspaceId workspaceId,
    Channel channel,
    Option<String> customerAddress,
    Option<ContactId> contactId,
    Option<AccountId> accountId,
    Option<String> subject,
    Option<AiAgentId> aiAgentId,
    Option<Command.AppendMessage> firstMessage) {

  /** Creates the request; every component is required (use {@link Option#none()} for none). */
  public StartConversation {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenantId, "tenantId");
    Objects.requireNonNull(workspaceId, "workspaceId");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(customerAddress, "customerAddress");
    Objects.requireNonNull(contactId, "contactId");
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(aiAgentId, "aiAgentId");
    Objects.requireNonNull(firstMessage, "firstMessage");
  }

  /** Returns a request with just the required parts. */
  public static StartConversation of(ConversationId id, TenantId tenantId, WorkspaceId workspaceId, Channel channel) {
    return new StartConversation(id, tenantId, workspaceId, channel, Option.none(), Option.none(),
        Option.none(), Option.none(), Option.none(), Option.none());
  }

  /** Returns this request with the customer's address (phone, e-mail or handle) as typed. */
  public StartConversation customerAddress(String value) {
    return new StartConversation(id, tenantId, workspaceId, channel, Option.some(value), contactId, accountId, subject, aiAgentId, firstMessage);
  }

  /** Returns this request linked to a contact. */
  public StartConversation contactId(ContactId value) {
    return new StartConversation(id, tenantId, workspaceId, channel, customerAddress, Option.some(value), accountId, subject, aiAgentId, firstMessage);
  }

  /** Returns this request linked to an account. */
  public StartConversation accountId(AccountId value) {
    return new StartConversation(id, tenantId, workspaceId, channel, customerAddress, contactId, Option.some(value), subject, aiAgentId, firstMessage);
  }

  /** Returns this request with a subject. */
  public StartConversation subject(String value) {
    return new StartConversation(id, tenantId, workspaceId, channel, customerAddress, contactId, accountId, Option.some(value), aiAgentId, firstMessage);
  }

  /** Returns this request handled by the given AI agent. */
  public StartConversation aiAgentId(AiAgentId value) {
    return new StartConversation(id, tenantId, workspaceId, channel, customerAddress, contactId, accountId, subject, Option.some(value), firstMessage);
  }

  /** Returns this request with a first message. */
  public StartConversation firstMessage(Command.AppendMessage value) {
    return new StartConversation(id, tenantId, workspaceId, channel, customerAddress, contactId, accountId, subject, aiAgentId, Option.some(value));
  }
}
