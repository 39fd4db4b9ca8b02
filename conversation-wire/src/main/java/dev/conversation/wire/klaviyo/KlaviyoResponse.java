package dev.conversation.wire.klaviyo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.conversation.wire.ApiError;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * What an HTTP host answers a Klaviyo request with: a status code and a JSON:API body (the
 * conversation document or an {@code errors} document). Immutable as long as the caller does not
 * mutate {@link #json()}, which is a fresh tree owned by the caller.
 *
 * @param status the HTTP status code
 * @param json the body
 */
public record KlaviyoResponse(int status, ObjectNode json) {

  /** The body's media type, JSON:API's. */
  public static final String CONTENT_TYPE = "application/vnd.api+json";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Creates the response. */
  public KlaviyoResponse {
    Objects.requireNonNull(json, "json");
  }

  /**
   * Returns the error response for {@code error}: its status and a one-error JSON:API document
   * whose error has the id {@code errorId} (Klaviyo uses a random UUID per error). The document's
   * {@code code} and {@code title} are Klaviyo's for the status, its {@code detail} the error's
   * message, and its {@code source} the parameter at fault for a 400 ({@code /data/} for another
   * error naming a field).
   *
   * @throws IllegalArgumentException if {@code errorId} is blank
   */
  public static KlaviyoResponse of(ApiError error, String errorId) {
    return new KlaviyoResponse(error.status(), KlaviyoError.document(error, errorId));
  }

  /** Returns the body as JSON text, ready to write. */
  public String body() {
    try {
      return MAPPER.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("a tree of text, numbers and nulls always serializes", e);
    }
  }
}
