package dev.conversation.wire.livechatai;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * What an HTTP host answers a LiveChatAI request with: a status code and a JSON body (the success
 * document or the {@linkplain LiveChatAiJson#error error document}). Immutable as long as the
 * caller does not mutate {@link #json()}, which is a fresh tree owned by the caller.
 *
 * @param status the HTTP status code
 * @param json the body
 */
public record LiveChatAiResponse(int status, JsonNode json) {

  /** The body's media type. */
  public static final String CONTENT_TYPE = "application/json";

  /** Creates the response. */
  public LiveChatAiResponse {
    Objects.requireNonNull(json, "json");
  }

  /** Returns the error response: the error's HTTP status and its error document. */
  public static LiveChatAiResponse of(LiveChatAiError error) {
    return new LiveChatAiResponse(error.httpStatus(), LiveChatAiJson.error(error));
  }

  /** Returns the body as JSON text, ready to write. */
  public String body() {
    return LiveChatAiJson.write(json);
  }
}
