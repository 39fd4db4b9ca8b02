/**
 * Klaviyo customer agent conversations (seed 000): the JSON:API resource, sparse fieldsets, the revision header and the errors document.
 *
 * <p>"Retrieve Conversation" ({@code GET /api/customer-agent-conversations/{id}}, beta revision
 * {@code 2026-04-15.pre}) is read-only. {@link dev.conversation.wire.klaviyo.KlaviyoApi} serves it
 * whole: a host passes the headers, the query parameter and the path id, and writes back the
 * {@link dev.conversation.wire.klaviyo.KlaviyoResponse}:
 *
 * <pre>{@code
 * KlaviyoApi klaviyo = KlaviyoApi.over(conversations, KlaviyoConversationResource.at("https://api.example.com"),
 *     key -> accounts.tenantOf(key.value()));
 * KlaviyoResponse r = klaviyo.retrieve(Option.of(http.header("Authorization")), Option.of(http.header("revision")),
 *     Option.of(http.query("fields[customer-agent-conversation]")), pathId);
 * http.status(r.status()).contentType(KlaviyoResponse.CONTENT_TYPE).send(r.body());
 * }</pre>
 *
 * <p>The parts it is made of are public for hosts that route differently:
 * {@link dev.conversation.wire.klaviyo.KlaviyoApiKey}, {@link dev.conversation.wire.klaviyo.KlaviyoRevision}
 * and {@link dev.conversation.wire.klaviyo.KlaviyoFields} read the request, every client failure
 * is a {@link dev.conversation.wire.klaviyo.KlaviyoProblem} value that renders Klaviyo's error, and
 * {@link dev.conversation.wire.klaviyo.KlaviyoConversationResource} renders the document.
 *
 * <p>Every type here is immutable and thread-safe; the renderers are pure (the caller supplies
 * the base URL and error ids) and return new Jackson trees the caller owns.
 */
@NullMarked
package dev.conversation.wire.klaviyo;

import org.jspecify.annotations.NullMarked;
