package dev.conversation.wire.livechatai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.conversation.wire.ApiError;
import java.util.Objects;

/**
 * What an HTTP host answers a LiveChatAI request with: a status code and a JSON body (the success
 * document {@code {"status": "success", "data"}} or the error document
 * {@code {"status": "error", "message"}}). Immutable as long as the caller does not mutate
 * {@link #json()}, which is a fresh tree owned by the caller.
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

  /**
   * Returns the error response: the error's status and LiveChatAI's error document, which shows
   * only the message ({@code {"status": "error", "message": "conversation chat_1 not found"}});
   * the rule and field are not rendered.
   */
  public static LiveChatAiResponse of(ApiError error) {
    return new LiveChatAiResponse(Objects.requireNonNull(error, "error").status(), LiveChatAiJson.error(error));
  }

  /** Returns the body as JSON text, ready to write. */
  public String body() {
    return LiveChatAiJson.write(json);
  }
}
