package dev.conversation.examples.host;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.conversation.wire.ApiError;
import dev.conversation.wire.klaviyo.KlaviyoResponse;
import io.vavr.collection.List;
import io.vavr.control.Option;
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

  private static final ObjectMapper JSON = new ObjectMapper();

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

  /** Renders a status with a fixed message in the shape of the path's API. */
  static Rendered render(String path, int status) {
    String code = code(status);
    String message = message(status);
    try {
      switch (of(path)) {
        case KLAVIYO -> {
          return new Rendered(KlaviyoResponse.CONTENT_TYPE,
              KlaviyoResponse.of(ApiError.status(status), UUID.randomUUID().toString()).body());
        }
        case LIVECHATAI -> {
          ObjectNode out = JSON.createObjectNode();
          out.put("status", "error");
          out.put("message", message);
          return new Rendered("application/json", JSON.writeValueAsString(out));
        }
        case CRM -> {
          ObjectNode out = JSON.createObjectNode();
          out.put("error", message);
          return new Rendered("application/json", JSON.writeValueAsString(out));
        }
        default -> {
          ObjectNode out = JSON.createObjectNode();
          out.put("error", code);
          out.put("message", message);
          out.putNull("field");
          return new Rendered("application/json", JSON.writeValueAsString(out));
        }
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String code(int status) {
    return switch (status) {
      case 400 -> "bad_request";
      case 401 -> "unauthorized";
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 406 -> "not_acceptable";
      case 408 -> "request_timeout";
      case 413 -> "payload_too_large";
      case 414 -> "uri_too_long";
      case 415 -> "unsupported_media_type";
      case 431 -> "headers_too_large";
      case 501 -> "not_implemented";
      case 503 -> "unavailable";
      case 505 -> "http_version_not_supported";
      default -> status >= 500 ? "server_error" : "error";
    };
  }

  private static String title(int status) {
    return switch (status) {
      case 400 -> "Bad request.";
      case 404 -> "Not found.";
      case 405 -> "Method not allowed.";
      case 406 -> "Not acceptable.";
      case 413 -> "Payload too large.";
      case 415 -> "Unsupported media type.";
      default -> status >= 500 ? "A server error occurred." : "Request refused.";
    };
  }

  private static String message(int status) {
    return switch (status) {
      case 400 -> "the request is malformed (its path, query or headers could not be read)";
      case 401 -> "a valid API key is required";
      case 404 -> "no such endpoint or resource";
      case 405 -> "this method is not served on this path";
      case 406 -> "the response is JSON; the Accept header does not allow it";
      case 408 -> "the request did not arrive in time";
      case 413 -> "the request body is too large";
      case 414 -> "the request line is too long";
      case 415 -> "the request body must be JSON (Content-Type application/json)";
      case 431 -> "the request headers are too large";
      case 501 -> "the request uses a feature this server does not implement (a Transfer-Encoding, a method)";
      case 505 -> "this HTTP version is not supported";
      default -> status >= 500 ? "an unexpected error occurred; it has been logged" : "the request was refused";
    };
  }
}
