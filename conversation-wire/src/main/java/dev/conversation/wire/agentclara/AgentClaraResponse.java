package dev.conversation.wire.agentclara;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * What an HTTP host answers an AgentClara request with: a status code and a JSON body (a
 * resource, a listing or an {@linkplain AgentClaraJson#error error object}). Immutable as long as
 * the caller does not mutate {@link #json()}, which is a fresh tree owned by the caller.
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

  /** Returns the error response: the error's HTTP status and its error object. */
  public static AgentClaraResponse of(AgentClaraError error) {
    return new AgentClaraResponse(error.httpStatus(), AgentClaraJson.error(error));
  }

  /** Returns the body as JSON text, ready to write. */
  public String body() {
    return AgentClaraJson.write(json);
  }
}
