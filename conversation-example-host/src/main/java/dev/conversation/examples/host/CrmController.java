package dev.conversation.examples.host;

import dev.conversation.wire.ApiError;
import dev.conversation.wire.crm.CrmGetConversation;
import dev.conversation.wire.crm.CrmResponse;
import io.vavr.control.Option;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The CRM agent platform's {@code GET /api/conversations/{id}} (seed 003). The document says
 * only "the authenticated tenant"; this host takes {@code Authorization: Bearer <api key>} and
 * answers a missing or unknown key with 401 in the platform's {@code {"error": "..."}} shape.
 * {@link CrmGetConversation} does the rest: the conversation, its contact and account looked up in
 * parallel, its messages and attention items.
 */
@RestController
class CrmController {

  private final CrmGetConversation get;
  private final ApiKeys keys;

  CrmController(CrmGetConversation get, ApiKeys keys) {
    this.get = get;
    this.keys = keys;
  }

  @GetMapping("/api/conversations/{id}")
  ResponseEntity<String> get(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      @PathVariable("id") String id) {
    CrmResponse response = keys.bearer(Option.of(authorization))
        .fold(reason -> CrmResponse.of(ApiError.unauthorized(HttpHeaders.AUTHORIZATION, "api-key", reason)),
            tenant -> get.handle(tenant, id));
    return ResponseEntity.status(response.status()).contentType(MediaType.APPLICATION_JSON).body(response.json());
  }
}
