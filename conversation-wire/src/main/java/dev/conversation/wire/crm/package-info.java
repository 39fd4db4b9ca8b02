/**
 * The CRM agent platform (seed 003): camelCase conversations with contact and account enrichment
 * and attention items, and its error object.
 *
 * <p>{@link dev.conversation.wire.crm.CrmStatus} is the status vocabulary in both directions (pure
 * Java); {@link dev.conversation.wire.crm.CrmJson} writes the conversation and error objects with
 * Jackson's tree model; {@link dev.conversation.wire.crm.CrmPath} reads the path id;
 * {@link dev.conversation.wire.crm.CrmGetConversation} is {@code GET /api/conversations/{id}} from
 * (tenant, path id) to a {@link dev.conversation.wire.crm.CrmResponse} (HTTP status and JSON), with
 * every failure a {@link dev.conversation.wire.crm.CrmError}. Every type here is immutable and
 * thread-safe.
 */
@NullMarked
package dev.conversation.wire.crm;

import org.jspecify.annotations.NullMarked;
