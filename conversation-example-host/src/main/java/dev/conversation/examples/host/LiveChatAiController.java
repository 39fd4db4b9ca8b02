package dev.conversation.examples.host;

import dev.conversation.wire.livechatai.LiveChatAiApi;
import dev.conversation.wire.livechatai.LiveChatAiResponse;
import io.vavr.control.Option;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * LiveChatAI's {@code GET /api/v2/conversations/{conversationId}} (seed 002), authenticated with
 * {@code Authorization: Bearer <api key>}; {@link LiveChatAiApi} does the work.
 */
@RestController
class LiveChatAiController {

  private final LiveChatAiApi api;

  LiveChatAiController(LiveChatAiApi api) {
    this.api = api;
  }

  @GetMapping("/api/v2/conversations/{conversationId}")
  ResponseEntity<String> get(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      @PathVariable("conversationId") String id) {
    LiveChatAiResponse response = api.get(Option.of(authorization), id);
    return ResponseEntity.status(response.status()).contentType(MediaType.APPLICATION_JSON).body(response.body());
  }
}
