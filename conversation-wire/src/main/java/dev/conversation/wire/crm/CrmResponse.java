package dev.conversation.wire.crm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.conversation.wire.ApiError;
import java.util.Objects;

/**
 * What the host sends back: an HTTP status and a JSON body, either the conversation object or the
 * document's error object, {@code {"error": message}}, for an {@link ApiError}. Immutable: the body
 * is copied in and out, so the caller may change the tree it gets without affecting this response.
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
   * Returns the response for an error, the endpoint's or the host's own (a 401 for a missing key,
   * a 404 for an unknown path, ...): its HTTP status and {@code {"error": message}}. The document's
   * error object has no place for the error's rule or field; they are not shown.
   *
   * @throws NullPointerException if {@code error} is null
   */
  public static CrmResponse of(ApiError error) {
    Objects.requireNonNull(error, "error");
    return new CrmResponse(error.status(), CrmJson.error(error.message()));
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
