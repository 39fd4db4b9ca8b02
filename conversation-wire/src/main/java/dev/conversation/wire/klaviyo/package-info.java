/**
 * Klaviyo customer agent conversations (seed 000): the JSON:API resource, sparse fieldsets, the
 * revision header, the message relationship and the errors document.
 *
 * <p>"Retrieve Conversation" ({@code GET /api/customer-agent-conversations/{id}}, beta revision
 * {@code 2026-04-15.pre}) and the two URLs its document links to (the
 * {@code customer-agent-messages} relationship and the related messages, paged) are read-only.
 * {@link dev.conversation.wire.klaviyo.KlaviyoApi} serves them whole: a host passes the headers,
 * the query parameters and the path id, and writes back the
 * {@link dev.conversation.wire.klaviyo.KlaviyoResponse}:
 *
 * <pre>{@code
 * KlaviyoApi klaviyo = KlaviyoApi.over(conversations, KlaviyoConversationResource.at("https://api.example.com"),
 *     key -> accounts.tenantOf(key.value()));
 * KlaviyoResponse r = klaviyo.retrieve(Option.of(http.header("Authorization")), Option.of(http.header("revision")),
 *     Option.of(http.query(KlaviyoApi.FIELDS)), pathId);
 * http.status(r.status()).contentType(KlaviyoResponse.CONTENT_TYPE).send(r.body());
 * }</pre>
 *
 * <p>Public are the entry point, its response, the base URL links are built on
 * ({@link dev.conversation.wire.klaviyo.KlaviyoConversationResource}) and the key a host's key
 * check receives ({@link dev.conversation.wire.klaviyo.KlaviyoApiKey}). Every error is a
 * {@link dev.conversation.wire.ApiError}, rendered as Klaviyo's errors document by
 * {@link dev.conversation.wire.klaviyo.KlaviyoResponse#of(dev.conversation.wire.ApiError, String)};
 * a host answers its own errors (a 429, a 405) the same way.
 *
 * <p>Every type here is immutable and thread-safe; the renderers are pure (the caller supplies
 * the base URL and error ids) and return new Jackson trees the caller owns.
 */
@NullMarked
package dev.conversation.wire.klaviyo;

import org.jspecify.annotations.NullMarked;
