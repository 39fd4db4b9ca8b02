package dev.conversation.wire.klaviyo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.conversation.wire.ApiError;
import io.vavr.collection.Seq;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Renders {@link ApiError}s as Klaviyo's JSON:API errors document,
 * {@code {"errors":[{"id","code","title","detail","source":{...}}]}}.
 *
 * <ul>
 *   <li>{@code code} and {@code title} are the ones Klaviyo's API answers with, which are Django
 *       REST framework's: 400 {@code invalid} "Invalid input.", 401 {@code not_authenticated}
 *       "Authentication credentials were not provided.", 403 {@code permission_denied}, 404
 *       {@code not_found} "Not found.", 405 {@code method_not_allowed}, 406 {@code not_acceptable},
 *       415 {@code unsupported_media_type}, 429 {@code throttled}, any 5XX {@code error} "A server
 *       error occurred."; any other status {@link ApiError#code()}.</li>
 *   <li>{@code detail} is the error's message.</li>
 *   <li>{@code source} is {@code {"parameter": field}} for a 400 naming a field (the revision
 *       header too: the seed's error schema knows only {@code pointer} and {@code parameter}),
 *       {@code {"pointer": "/data/"}} for another error naming one (where Klaviyo points errors
 *       without a better place), and absent for an error naming none.</li>
 *   <li>{@code id} is drawn by the caller (Klaviyo uses a random UUID per error), so the same input
 *       always renders the same document. The HTTP status is not part of the document: the seed's
 *       schema has no {@code status} member.</li>
 * </ul>
 *
 * <p>Stateless; each call returns a new tree the caller owns.
 */
final class KlaviyoError {

  private KlaviyoError() {}

  /** Returns the one-error document for {@code error}, with the error id {@code id}. */
  static ObjectNode document(ApiError error, String id) {
    ObjectNode document = JsonNodeFactory.instance.objectNode();
    document.putArray("errors").add(entry(error, id));
    return document;
  }

  /**
   * Returns the document holding {@code errors} in order, each with an id drawn from {@code ids}.
   *
   * @throws IllegalArgumentException if {@code errors} is empty: an errors document holds one or more
   */
  static ObjectNode document(Seq<ApiError> errors, Supplier<String> ids) {
    Objects.requireNonNull(errors, "errors");
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("errors must not be empty: a JSON:API errors document holds at least one");
    }
    ObjectNode document = JsonNodeFactory.instance.objectNode();
    ArrayNode array = document.putArray("errors");
    errors.forEach(e -> array.add(entry(e, ids.get())));
    return document;
  }

  /** Returns Klaviyo's error code for the status. */
  static String code(ApiError error) {
    int status = error.status();
    return switch (status) {
      case 400 -> "invalid";
      case 401 -> "not_authenticated";
      case 403 -> "permission_denied";
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 406 -> "not_acceptable";
      case 415 -> "unsupported_media_type";
      case 429 -> "throttled";
      default -> status >= 500 ? "error" : error.code();
    };
  }

  /** Returns Klaviyo's fixed title for the status. */
  static String title(int status) {
    return switch (status) {
      case 400 -> "Invalid input.";
      case 401 -> "Authentication credentials were not provided.";
      case 403 -> "You do not have permission to perform this action.";
      case 404 -> "Not found.";
      case 405 -> "Method not allowed.";
      case 406 -> "Could not satisfy the request Accept header.";
      case 413 -> "Payload too large.";
      case 415 -> "Unsupported media type.";
      case 429 -> "Request was throttled.";
      default -> status >= 500 ? "A server error occurred." : "Request refused.";
    };
  }

  private static ObjectNode entry(ApiError error, String id) {
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("id must not be blank");
    }
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("id", id);
    node.put("code", code(error));
    node.put("title", title(error.status()));
    node.put("detail", error.message());
    error.field().forEach(field -> {
      if (error.status() == 400) {
        node.putObject("source").put("parameter", field);
      } else {
        node.putObject("source").put("pointer", "/data/");
      }
    });
    return node;
  }
}
