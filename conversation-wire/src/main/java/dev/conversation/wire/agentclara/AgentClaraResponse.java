package dev.conversation.wire.agentclara;

import com.fasterxml.jackson.databind.JsonNode;
import dev.conversation.wire.ApiError;
import java.util.Objects;

/**
 * What an HTTP host answers an AgentClara request with: a status code and a JSON body (a
 * resource, a listing or an error object, see {@link #of(ApiError)}). Immutable as long as the
 * caller does not mutate {@link #json()}, which is a fresh tree owned by the caller.
 *
 * @param status the HTTP status code
 * @param json the body
 */
public record AgentClaraResponse(int status, JsonNode json) {

  /** The body's media type. */
  public static final String CONTENT_TYPE = "application/json";

  /** Creates the response. */
  public AgentClaraResponse {
    Objects.requireNonNull(json, "json");
  }

  /**
   * Returns the error response: the error's HTTP status and AgentClara's error object
   * {@code {"error": code, "message": message, "field": field or null}}, for example
   *
   * <pre>{"error": "bad_request", "message": "limit must be 1 to 100 (default 25), was 0", "field": "limit"}</pre>
   *
   * <p>{@code error} is the error's {@linkplain ApiError#code() code}; the rule is not shown. The
   * message is cut to 500 code points (ending in {@code …}) and the field to 100, so an error
   * never echoes a huge input back.
   */
  public static AgentClaraResponse of(ApiError error) {
    return new AgentClaraResponse(error.status(), AgentClaraJson.error(error));
  }

  /** Returns the body as JSON text, ready to write. */
  public String body() {
    return AgentClaraJson.write(json);
  }
}
