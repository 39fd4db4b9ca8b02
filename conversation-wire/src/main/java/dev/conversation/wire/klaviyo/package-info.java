/**
 * Klaviyo customer agent conversations (seed 000): the JSON:API resource, sparse fieldsets, the revision header and the errors document.
 *
 * <p>"Retrieve Conversation" ({@code GET /api/customer-agent-conversations/{id}}, beta revision
 * {@code 2026-04-15.pre}) is read-only. A host serves it like this, every client failure a
 * {@link dev.conversation.wire.klaviyo.KlaviyoProblem} value that renders Klaviyo's error:
 *
 * <pre>{@code
 * KlaviyoConversationResource klaviyo = KlaviyoConversationResource.at("https://a.klaviyo.com");
 *
 * Either<KlaviyoProblem, KlaviyoFields> request =
 *     KlaviyoApiKey.fromHeader(Option.of(http.header("Authorization")))
 *         .flatMap(key -> KlaviyoRevision.fromHeader(Option.of(http.header("revision"))))
 *         .flatMap(revision -> KlaviyoFields.parse(Option.of(http.query("fields[customer-agent-conversation]"))));
 * if (request.isLeft()) {
 *   KlaviyoProblem problem = request.getLeft();
 *   return respond(problem.status(), problem.error(UUID.randomUUID().toString()).document());
 * }
 * Either<Problem, Conversation> found = service.get(tenant, id);
 * if (found.isLeft()) {
 *   return found.getLeft() instanceof Problem.NotFound
 *       ? respond(404, new KlaviyoProblem.NotFound(id).error(UUID.randomUUID().toString()).document())
 *       : respond(503, KlaviyoError.serverError(UUID.randomUUID().toString()).document());
 * }
 * return respond(200, klaviyo.document(found.get(), everyMessageOf(tenant, id), request.get()));
 * }</pre>
 *
 * <p>Every type here is immutable and thread-safe; the renderers are pure (the caller supplies
 * the base URL and error ids) and return new Jackson trees the caller owns.
 */
@NullMarked
package dev.conversation.wire.klaviyo;

import org.jspecify.annotations.NullMarked;
