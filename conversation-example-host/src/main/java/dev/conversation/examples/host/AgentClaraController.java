package dev.conversation.examples.host;

import dev.conversation.domain.TenantId;
import dev.conversation.wire.ApiError;
import dev.conversation.wire.agentclara.AgentClaraApi;
import dev.conversation.wire.agentclara.AgentClaraResponse;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * AgentClara's conversation endpoints (seed 001). The document lost its paths; this host serves:
 *
 * <pre>
 * GET   /agentclara/conversations                        List Conversations (limit, offset, channel, status, customer_id, unread)
 * GET   /agentclara/conversations/{conversation_id}      Get Single Conversation
 * POST  /agentclara/conversations                        Create Conversation (JSON body; Idempotency-Key header)
 * POST  /agentclara/conversations/{id}/messages          Send Message (JSON body; Idempotency-Key header)
 * PATCH /agentclara/conversations/{id}                   Update Conversation (JSON body)
 * POST  /agentclara/conversations/{id}/close             Close Conversation
 * </pre>
 *
 * <p>Every request needs {@code Authorization: Bearer <api key>} and is served in the key's
 * tenant. Bodies are read as UTF-8 whatever their Content-Type. The controller only moves HTTP in and out: {@link AgentClaraApi} does the work.
 */
@RestController
@RequestMapping("/agentclara/conversations")
class AgentClaraController {

  private final AgentClaraApi api;
  private final ApiKeys keys;

  AgentClaraController(AgentClaraApi api, ApiKeys keys) {
    this.api = api;
    this.keys = keys;
  }

  @GetMapping
  ResponseEntity<String> list(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      jakarta.servlet.http.HttpServletRequest request) {
    // The raw query, decoded strictly here: the container drops a parameter it cannot decode
    // (?limit=%zz), which would silently turn a client's mistake into the default.
    return as(authorization, tenant -> query(request.getQueryString()).flatMap(AgentClaraController::single)
        .fold(AgentClaraResponse::of, q -> api.list(tenant, q)));
  }

  /** The query's parameters, each name and value percent-decoded as UTF-8; a bad escape or byte sequence is a 400 naming it. */
  static Either<ApiError, MultiValueMap<String, String>> query(String raw) {
    MultiValueMap<String, String> out = new org.springframework.util.LinkedMultiValueMap<>();
    if (raw == null || raw.isEmpty()) {
      return Either.right(out);
    }
    for (String part : raw.split("&", -1)) {
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      String rawName = eq < 0 ? part : part.substring(0, eq);
      Option<String> name = decode(rawName);
      Option<String> value = decode(eq < 0 ? "" : part.substring(eq + 1));
      if (name.isEmpty() || value.isEmpty()) {
        String field = name.getOrElse(rawName);
        String shown = field.codePointCount(0, field.length()) > 40
            ? field.substring(0, field.offsetByCodePoints(0, 40)) + "…" : field;
        return Either.left(ApiError.badRequest(shown, "malformed-encoding",
            "query parameter " + shown + " is not valid percent-encoded UTF-8"));
      }
      out.add(name.get(), value.get());
    }
    return Either.right(out);
  }

  /** Strict application/x-www-form-urlencoded decoding: none on a bad escape or bytes that are not UTF-8. */
  private static Option<String> decode(String text) {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (ch == '%') {
        if (i + 2 >= text.length() || Character.digit(text.charAt(i + 1), 16) < 0 || Character.digit(text.charAt(i + 2), 16) < 0) {
          return Option.none();
        }
        bytes.write(Character.digit(text.charAt(i + 1), 16) * 16 + Character.digit(text.charAt(i + 2), 16));
        i += 2;
      } else if (ch == '+') {
        bytes.write(' ');
      } else if (ch < 0x80) {
        bytes.write(ch);
      } else {
        return Option.none();  // a raw non-ASCII character is not a valid query
      }
    }
    try {
      return Option.some(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString());
    } catch (CharacterCodingException e) {
      return Option.none();
    }
  }

  @GetMapping("/{conversation_id}")
  ResponseEntity<String> get(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      @PathVariable("conversation_id") String id) {
    return as(authorization, tenant -> api.get(tenant, id));
  }

  @PostMapping
  ResponseEntity<String> create(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
      jakarta.servlet.http.HttpServletRequest request) {
    return as(authorization, tenant -> utf8(request).fold(AgentClaraResponse::of,
        json -> api.create(tenant, json, Option.of(idempotencyKey))));
  }

  @PostMapping("/{conversation_id}/messages")
  ResponseEntity<String> send(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
      @PathVariable("conversation_id") String id, jakarta.servlet.http.HttpServletRequest request) {
    return as(authorization, tenant -> utf8(request).fold(AgentClaraResponse::of,
        json -> api.send(tenant, id, json, Option.of(idempotencyKey))));
  }

  @PatchMapping("/{conversation_id}")
  ResponseEntity<String> update(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      @PathVariable("conversation_id") String id, jakarta.servlet.http.HttpServletRequest request) {
    return as(authorization, tenant -> utf8(request).fold(AgentClaraResponse::of, json -> api.update(tenant, id, json)));
  }

  @PostMapping("/{conversation_id}/close")
  ResponseEntity<String> close(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      @PathVariable("conversation_id") String id) {
    return as(authorization, tenant -> api.close(tenant, id));
  }

  private ResponseEntity<String> as(String authorization, Function<TenantId, AgentClaraResponse> call) {
    AgentClaraResponse response = keys.bearer(Option.of(authorization)).fold(AgentClaraApi::unauthorized, call);
    return ResponseEntity.status(response.status()).contentType(MediaType.APPLICATION_JSON).body(response.body());
  }

  /**
   * The body as text. JSON is UTF-8 (RFC 8259), whatever the Content-Type says; bytes that are not
   * UTF-8 are a 400 rather than text silently repaired with replacement characters. The body is
   * read from the request itself, not through Spring's message converters, which answered a
   * wildcard Content-Type ({@code *}{@code /*}, {@code application/*}) with a 500.
   */
  private static Either<ApiError, String> utf8(jakarta.servlet.http.HttpServletRequest request) {
    byte[] body;
    try {
      body = request.getInputStream().readAllBytes();
    } catch (java.io.IOException e) {
      return Either.left(ApiError.badRequest("body", "unreadable", "the request body could not be read"));
    }
    try {
      return Either.right(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString());
    } catch (CharacterCodingException e) {
      return Either.left(ApiError.badRequest("body", "utf-8", "the request body must be UTF-8 encoded JSON"));
    }
  }

  /** The query string with one value per parameter; a repeated parameter is a 400 naming it. */
  private static Either<ApiError, Map<String, String>> single(MultiValueMap<String, String> query) {
    Map<String, String> one = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : query.entrySet()) {
      if (e.getValue().size() > 1) {
        return Either.left(ApiError.badRequest(e.getKey(), "single-value",
            e.getKey() + " must be given at most once; it was given " + e.getValue().size() + " times"));
      }
      one.put(e.getKey(), e.getValue().get(0));
    }
    return Either.right(one);
  }
}
