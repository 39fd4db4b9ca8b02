package dev.conversation.wire.klaviyo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

  /** Returns the error response for {@code problem}: its status and a one-error document with {@code errorId}. */
  public static KlaviyoResponse of(KlaviyoProblem problem, String errorId) {
    return new KlaviyoResponse(problem.status(), problem.error(errorId).document());
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
