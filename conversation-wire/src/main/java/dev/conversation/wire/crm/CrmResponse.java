package dev.conversation.wire.crm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * What the host sends back: an HTTP status and a JSON body, either the conversation object or the
 * document's error object. Immutable: the body is copied in and out, so the caller may change the
 * tree it gets without affecting this response.
 *
 * @param status the HTTP status code, 100 to 599
 * @param body the JSON body
 */
public record CrmResponse(int status, JsonNode body) {

  /**
   * Creates the response.
   *
   * @throws IllegalArgumentException if {@code status} is not 100 to 599
   * @throws NullPointerException if {@code body} is null
   */
  public CrmResponse {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status must be an HTTP status code 100 to 599, was " + status);
    }
    body = Objects.requireNonNull(body, "body").deepCopy();
  }

  /**
   * Returns the response for an error: its HTTP status and {@code {"error": message}}.
   *
   * @throws NullPointerException if {@code error} is null
   */
  public static CrmResponse of(CrmError error) {
    return new CrmResponse(Objects.requireNonNull(error, "error").httpStatus(), CrmJson.error(error));
  }

  /**
   * Returns an error response for the host's own errors (401, 403, 429, ...) in the document's
   * shape, {@code {"error": message}}.
   *
   * @throws IllegalArgumentException if {@code status} is not 400 to 599
   * @throws NullPointerException if {@code message} is null
   */
  public static CrmResponse error(int status, String message) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("an error status must be 400 to 599, was " + status);
    }
    return new CrmResponse(status, CrmJson.error(message));
  }

  /** Returns a copy of the body. */
  @Override
  public JsonNode body() {
    return body.deepCopy();
  }

  /** Returns the body as compact JSON text, ready to send as {@code application/json}. */
  public String json() {
    return CrmJson.write(body);
  }
}
