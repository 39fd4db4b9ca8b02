package dev.conversation.examples.host;

import dev.conversation.wire.ApiError;
import dev.conversation.wire.agentclara.AgentClaraResponse;
import dev.conversation.wire.crm.CrmResponse;
import dev.conversation.wire.klaviyo.KlaviyoResponse;
import dev.conversation.wire.livechatai.LiveChatAiResponse;
import java.util.UUID;

/**
 * The host's own errors (no endpoint, a method not served, a body too large, a malformed request
 * the container refused, the unexpected) in the shape of the API the path belongs to, so that a
 * client of one API never meets another format: AgentClara and the inbound endpoints
 * {@code {"error", "message", "field"}}, LiveChatAI {@code {"status": "error", "message"}}, the
 * CRM {@code {"error": message}}, Klaviyo a JSON:API errors document. A path of no API gets the
 * AgentClara shape. Messages are fixed words: nothing the client sent is echoed. Stateless.
 */
final class ApiErrors {

  private ApiErrors() {}

  /** An error rendered: its content type and body. */
  record Rendered(String contentType, String body) {}

  /** The API a request path belongs to. */
  enum Api { AGENTCLARA, LIVECHATAI, CRM, KLAVIYO }

  static Api of(String path) {
    String p = path == null ? "" : path;
    if (under(p, "/api/customer-agent-conversations")) {
      return Api.KLAVIYO;
    }
    if (under(p, "/api/v2")) {
      return Api.LIVECHATAI;
    }
    if (under(p, "/api/conversations")) {
      return Api.CRM;
    }
    return Api.AGENTCLARA;
  }

  /** Whether the path is the prefix or below it (segment by segment: {@code /api/conversationsX} is not). */
  private static boolean under(String path, String prefix) {
    return path.equals(prefix) || path.startsWith(prefix + "/");
  }

  /** The content type the path's API answers with. */
  static String contentType(String path) {
    return of(path) == Api.KLAVIYO ? KlaviyoResponse.CONTENT_TYPE : "application/json";
  }

  /**
   * Renders a status in the shape of the path's API: {@link ApiError#status(int)}'s fixed words,
   * through the API's own response type, so the host's errors and the APIs' are rendered by one
   * mechanism.
   */
  static Rendered render(String path, int status) {
    return render(path, ApiError.status(status));
  }

  /** Renders {@code error} in the shape of the path's API. */
  static Rendered render(String path, ApiError error) {
    return switch (of(path)) {
      case KLAVIYO -> new Rendered(KlaviyoResponse.CONTENT_TYPE, KlaviyoResponse.of(error, UUID.randomUUID().toString()).body());
      case LIVECHATAI -> new Rendered(LiveChatAiResponse.CONTENT_TYPE, LiveChatAiResponse.of(error).body());
      case CRM -> new Rendered("application/json", CrmResponse.of(error).json());
      case AGENTCLARA -> new Rendered(AgentClaraResponse.CONTENT_TYPE, AgentClaraResponse.of(error).body());
    };
  }
}
