package dev.conversation.examples.host;

import dev.conversation.service.Conversations;
import dev.conversation.wire.klaviyo.KlaviyoApi;
import dev.conversation.wire.klaviyo.KlaviyoConversationResource;
import dev.conversation.wire.klaviyo.KlaviyoResponse;
import io.vavr.control.Option;
import jakarta.servlet.http.HttpServletRequest;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Klaviyo's "Retrieve Conversation", {@code GET /api/customer-agent-conversations/{id}} (seed 000),
 * and the two URLs its document links to, {@code .../{id}/relationships/customer-agent-messages/}
 * and {@code .../{id}/customer-agent-messages/} (paged with {@code page[size]} and
 * {@code page[cursor]}): {@code Authorization: Klaviyo-API-Key <api key>} and the {@code revision}
 * header required, {@code fields[customer-agent-conversation]} optional on the retrieve;
 * {@link KlaviyoApi} does the work. Links
 * are built on {@code conversation.host.public-url}, or on {@code http://localhost:<port>} (the
 * server's own port, never the client's {@code Host} header); the {@code self} link, which ends in
 * a slash as Klaviyo's do, is served too.
 */
@RestController
class KlaviyoController {

  private static final MediaType JSON_API = MediaType.parseMediaType(KlaviyoResponse.CONTENT_TYPE);

  private final Conversations conversations;
  private final ApiKeys keys;
  private final String publicUrl;
  private final AtomicReference<KlaviyoApi> api = new AtomicReference<>();

  KlaviyoController(Conversations conversations, ApiKeys keys, HostProperties properties) {
    this.conversations = conversations;
    this.keys = keys;
    this.publicUrl = properties.publicUrl();
    if (!publicUrl.isEmpty()) {
      // Checked at start-up, so a bad URL stops the host instead of failing every request.
      try {
        api.set(over(KlaviyoConversationResource.at(publicUrl)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("conversation.host.public-url: " + e.getMessage(), e);
      }
    }
  }

  @GetMapping({"/api/customer-agent-conversations/{id}", "/api/customer-agent-conversations/{id}/"})
  ResponseEntity<String> retrieve(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      @RequestHeader(name = "revision", required = false) String revision,
      @RequestParam(name = KlaviyoApi.FIELDS, required = false) String fields,
      @PathVariable("id") String id, HttpServletRequest request) {
    return answer(api(request).retrieve(Option.of(authorization), Option.of(revision), Option.of(fields), id));
  }

  @GetMapping({"/api/customer-agent-conversations/{id}/relationships/customer-agent-messages",
      "/api/customer-agent-conversations/{id}/relationships/customer-agent-messages/"})
  ResponseEntity<String> relationship(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      @RequestHeader(name = "revision", required = false) String revision,
      @RequestParam(name = KlaviyoApi.PAGE_CURSOR, required = false) String cursor,
      @RequestParam(name = KlaviyoApi.PAGE_SIZE, required = false) String size,
      @PathVariable("id") String id, HttpServletRequest request) {
    return answer(api(request).relationship(Option.of(authorization), Option.of(revision), id, Option.of(cursor), Option.of(size)));
  }

  @GetMapping({"/api/customer-agent-conversations/{id}/customer-agent-messages",
      "/api/customer-agent-conversations/{id}/customer-agent-messages/"})
  ResponseEntity<String> messages(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      @RequestHeader(name = "revision", required = false) String revision,
      @RequestParam(name = KlaviyoApi.PAGE_CURSOR, required = false) String cursor,
      @RequestParam(name = KlaviyoApi.PAGE_SIZE, required = false) String size,
      @PathVariable("id") String id, HttpServletRequest request) {
    return answer(api(request).messages(Option.of(authorization), Option.of(revision), id, Option.of(cursor), Option.of(size)));
  }

  private static ResponseEntity<String> answer(KlaviyoResponse response) {
    return ResponseEntity.status(response.status()).contentType(JSON_API).body(response.body());
  }

  private KlaviyoApi api(HttpServletRequest request) {
    KlaviyoApi current = api.get();
    if (current == null) {
      api.compareAndSet(null, over(KlaviyoConversationResource.at("http://localhost:" + request.getLocalPort())));
      current = api.get();
    }
    return current;
  }

  private KlaviyoApi over(KlaviyoConversationResource resource) {
    return KlaviyoApi.over(conversations, resource, key -> keys.tenant(key.value()));
  }
}
