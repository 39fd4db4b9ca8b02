/**
 * The CRM agent platform (seed 003): camelCase conversations with contact and account enrichment
 * and attention items, and its error object.
 *
 * <p>Public are what a host calls: {@link dev.conversation.wire.crm.CrmGetConversation} is
 * {@code GET /api/conversations/{id}} from (tenant, path id) to a
 * {@link dev.conversation.wire.crm.CrmResponse} (HTTP status and JSON), and
 * {@link dev.conversation.wire.crm.CrmResponse#of(dev.conversation.wire.ApiError)} renders any
 * error, the endpoint's or the host's own (a 401), in the document's shape
 * {@code {"error": message}}. Every failure is a {@link dev.conversation.wire.ApiError}; the
 * document's error object shows only its message. The rest is package-private: the status
 * vocabulary in both directions, the JSON writer (Jackson's tree model) and the path id reader.
 * Every type here is immutable and thread-safe.
 */
@NullMarked
package dev.conversation.wire.crm;

import org.jspecify.annotations.NullMarked;
