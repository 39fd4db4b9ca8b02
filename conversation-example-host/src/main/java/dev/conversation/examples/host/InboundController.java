package dev.conversation.examples.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.conversation.domain.Attachment;
import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelId;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.DeliveryStatus;
import dev.conversation.domain.Limits;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.Violation;
import dev.conversation.domain.WorkspaceId;
import dev.conversation.service.Conversations;
import dev.conversation.service.InboundMessage;
import dev.conversation.service.Problem;
import dev.conversation.service.Receipt;
import dev.conversation.service.Received;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The inbound webhook: where a channel provider's adapter (or the host's own glue for Twilio,
 * WhatsApp Cloud, a mail drop, a chat widget) hands a customer's message to the library, which
 * routes it to the sender's conversation exactly once ({@link Conversations#receive}).
 *
 * <pre>
 * POST /inbound/messages   Authorization: Bearer &lt;api key&gt;
 * {"channel": "sms", "channel_instance": "+15550100200", "from": "+4915112345678",
 *  "sender_name": "Maria Rossi", "content": "Hi!", "provider_message_id": "SM8f2c...",
 *  "reply_to": "conversation id, optional",
 *  "attachments": [{"name": "box.jpg", "media_type": "image/jpeg", "size": 734112,
 *                   "url": "https://...", "caption": "optional"}]}
 *
 * POST /inbound/receipts   Authorization: Bearer &lt;api key&gt;
 * {"provider_message_id": "SM9f2c...", "status": "delivered", "failure_reason": "only for failed"}
 * </pre>
 *
 * <p>{@code channel} is one of sms, voice, whatsapp, email, instagram, facebook, slack, web_chat;
 * {@code channel_instance}, {@code sender_name}, {@code reply_to} and {@code attachments} are
 * optional; with attachments, {@code content} may be empty. The answer is
 * 201 when a conversation was created (new or follow-up), else 200, with
 * {@code {"conversation_id", "message_id", "delivery", "contact_id", "contact_created"}}; a
 * redelivered {@code provider_message_id} answers the original with {@code "delivery": "duplicate"}.
 * Errors are {@code {"error", "message", "field"}}: 400 naming the field, 401, 409 for a provider
 * message id reused with other content, 503; messages are cut to {@value #MAX_MESSAGE} characters.
 *
 * <p>A receipt ({@link Conversations#receipt}) is a provider's status callback for an outbound
 * message the host reported sent ({@link Conversations#dispatched}); {@code status} is one of
 * queued, sent, delivered, failed, read. The answer is 200 with {@code {"conversation_id",
 * "message_id", "status", "changed"}}: the message's status now, and whether this receipt moved
 * it (a late, repeated or backward receipt does not). An unknown provider id is a 404 (the
 * callback may have overtaken the report that the message was sent: providers retry on it).
 */
@RestController
class InboundController {

  static final int MAX_MESSAGE = 300;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> FIELDS = List.of("channel", "channel_instance", "from", "sender_name", "content",
      "provider_message_id", "reply_to", "attachments");
  private static final List<String> ATTACHMENT_FIELDS = List.of("name", "media_type", "size", "url", "caption");
  private static final List<String> RECEIPT_FIELDS = List.of("provider_message_id", "status", "failure_reason");

  private final Conversations conversations;
  private final ApiKeys keys;
  private final WorkspaceId workspace;

  InboundController(Conversations conversations, ApiKeys keys, HostProperties properties) {
    this.conversations = conversations;
    this.keys = keys;
    this.workspace = WorkspaceId.of(properties.workspace());
  }

  @PostMapping("/inbound/messages")
  ResponseEntity<String> receive(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      jakarta.servlet.http.HttpServletRequest request) {
    Either<String, TenantId> tenant = keys.bearer(Option.of(authorization));
    if (tenant.isLeft()) {
      return error(401, "unauthorized", tenant.getLeft(), Option.none());
    }
    Either<ResponseEntity<String>, InboundMessage> message = object(request).flatMap(this::parse);
    if (message.isLeft()) {
      return message.getLeft();
    }
    Either<Problem, Received> received = conversations.receive(tenant.get(), message.get());
    if (received.isLeft()) {
      return problem(received.getLeft());
    }
    Received r = received.get();
    ObjectNode out = JSON.createObjectNode();
    out.put("conversation_id", r.conversationId().value());
    out.put("message_id", r.message().id().value());
    out.put("delivery", r.delivery().name().toLowerCase(Locale.ROOT));
    out.put("contact_id", r.contactId().value());
    out.put("contact_created", r.contactCreated());
    boolean created = r.delivery() == Received.Delivery.CREATED || r.delivery() == Received.Delivery.FOLLOW_UP;
    return ResponseEntity.status(created ? 201 : 200).contentType(MediaType.APPLICATION_JSON).body(out.toString());
  }

  /**
   * Reads the body as one JSON object: here, not through Spring's converters, which answer a
   * wildcard Content-Type with a 500.
   */
  private static Either<ResponseEntity<String>, JsonNode> object(jakarta.servlet.http.HttpServletRequest request) {
    JsonNode json;
    try {
      json = JSON.readTree(request.getInputStream().readAllBytes());
    } catch (java.io.IOException e) {
      return Either.left(error(400, "bad_request", "the body must be a JSON object", Option.some("body")));
    }
    return json == null || !json.isObject()
        ? Either.left(error(400, "bad_request", "the body must be a JSON object", Option.some("body")))
        : Either.right(json);
  }

  private Either<ResponseEntity<String>, InboundMessage> parse(JsonNode json) {
    for (var names = json.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        return Either.left(error(400, "bad_request", "unknown field; the fields are " + FIELDS.mkString(", "), Option.some(cut(name))));
      }
    }
    for (String name : FIELDS.remove("attachments")) {
      JsonNode v = json.get(name);
      if (v != null && !v.isNull() && !v.isTextual()) {
        return Either.left(error(400, "bad_request", name + " must be a string", Option.some(name)));
      }
    }
    for (String required : List.of("channel", "from", "content", "provider_message_id")) {
      if (text(json, required).isEmpty()) {
        return Either.left(error(400, "bad_request", required + " is required", Option.some(required)));
      }
    }
    String word = text(json, "channel").get();
    Option<ChannelType> type = List.of(ChannelType.values()).find(t -> t.name().toLowerCase(Locale.ROOT).equals(word));
    if (type.isEmpty()) {
      return Either.left(error(400, "bad_request", "channel must be one of "
          + List.of(ChannelType.values()).map(t -> t.name().toLowerCase(Locale.ROOT)).mkString(", "), Option.some("channel")));
    }
    Option<String> instance = text(json, "channel_instance");
    Option<String> replyTo = text(json, "reply_to");
    for (String id : List.of("channel_instance", "reply_to")) {
      if (text(json, id).exists(v -> v.length() > Limits.MAX_ID)) {
        return Either.left(error(400, "bad_request", id + " must be at most " + Limits.MAX_ID + " characters", Option.some(id)));
      }
    }
    Channel channel;
    try {
      channel = Channel.of(type.get(), instance.map(ChannelId::of));
    } catch (IllegalArgumentException e) {
      return Either.left(error(400, "bad_request", "channel_instance is not a valid id", Option.some("channel_instance")));
    }
    Option<ConversationId> hint;
    try {
      hint = replyTo.map(ConversationId::of);
    } catch (IllegalArgumentException e) {
      return Either.left(error(400, "bad_request", "reply_to is not a valid conversation id", Option.some("reply_to")));
    }
    Either<ResponseEntity<String>, List<Attachment>> files = attachments(json.get("attachments"));
    if (files.isLeft()) {
      return Either.left(files.getLeft());
    }
    return Either.right(new InboundMessage(workspace, channel, text(json, "from").get(), text(json, "sender_name"),
        text(json, "content").get(), text(json, "provider_message_id").get(), hint, files.get()));
  }

  /** Reads {@code attachments}: absent or null is none; the lifecycle checks the values. */
  private static Either<ResponseEntity<String>, List<Attachment>> attachments(JsonNode array) {
    if (array == null || array.isNull()) {
      return Either.right(List.empty());
    }
    if (!array.isArray() || array.size() > Limits.MAX_ATTACHMENTS) {
      return Either.left(error(400, "bad_request", "attachments must be an array of at most " + Limits.MAX_ATTACHMENTS
          + " objects", Option.some("attachments")));
    }
    List<Attachment> files = List.empty();
    for (int i = 0; i < array.size(); i++) {
      JsonNode a = array.get(i);
      String at = "attachments[" + i + "]";
      if (!a.isObject()) {
        return Either.left(error(400, "bad_request", at + " must be an object", Option.some(at)));
      }
      for (var names = a.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!ATTACHMENT_FIELDS.contains(name)) {
          return Either.left(error(400, "bad_request", "unknown field; an attachment's fields are "
              + ATTACHMENT_FIELDS.mkString(", "), Option.some(at + "." + cut(name))));
        }
      }
      for (String name : List.of("name", "media_type", "url")) {
        if (a.get(name) == null || !a.get(name).isTextual()) {
          return Either.left(error(400, "bad_request", at + "." + name + " is required, a string", Option.some(at + "." + name)));
        }
      }
      if (a.get("size") == null || !a.get("size").canConvertToLong() || !a.get("size").isIntegralNumber()) {
        return Either.left(error(400, "bad_request", at + ".size is required, a whole number of bytes",
            Option.some(at + ".size")));
      }
      JsonNode caption = a.get("caption");
      if (caption != null && !caption.isNull() && !caption.isTextual()) {
        return Either.left(error(400, "bad_request", at + ".caption must be a string", Option.some(at + ".caption")));
      }
      files = files.append(new Attachment(a.get("name").textValue(), a.get("media_type").textValue(), a.get("size").longValue(),
          a.get("url").textValue(), caption == null || caption.isNull() ? Option.none() : Option.some(caption.textValue())));
    }
    return Either.right(files);
  }

  @PostMapping("/inbound/receipts")
  ResponseEntity<String> receipt(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      jakarta.servlet.http.HttpServletRequest request) {
    Either<String, TenantId> tenant = keys.bearer(Option.of(authorization));
    if (tenant.isLeft()) {
      return error(401, "unauthorized", tenant.getLeft(), Option.none());
    }
    Either<ResponseEntity<String>, JsonNode> body = object(request);
    if (body.isLeft()) {
      return body.getLeft();
    }
    JsonNode json = body.get();
    for (var names = json.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!RECEIPT_FIELDS.contains(name)) {
        return error(400, "bad_request", "unknown field; the fields are " + RECEIPT_FIELDS.mkString(", "), Option.some(cut(name)));
      }
      if (!json.get(name).isNull() && !json.get(name).isTextual()) {
        return error(400, "bad_request", name + " must be a string", Option.some(name));
      }
    }
    for (String required : List.of("provider_message_id", "status")) {
      if (text(json, required).isEmpty()) {
        return error(400, "bad_request", required + " is required", Option.some(required));
      }
    }
    String word = text(json, "status").get();
    Option<DeliveryStatus> status = List.of(DeliveryStatus.values()).find(s -> s.name().toLowerCase(Locale.ROOT).equals(word));
    if (status.isEmpty()) {
      return error(400, "bad_request", "status must be one of "
          + List.of(DeliveryStatus.values()).map(s -> s.name().toLowerCase(Locale.ROOT)).mkString(", "), Option.some("status"));
    }
    String provider = text(json, "provider_message_id").get();
    Either<Problem, dev.conversation.service.Outcome> done =
        conversations.receipt(tenant.get(), new Receipt(provider, status.get(), text(json, "failure_reason")));
    if (done.isLeft()) {
      if (done.getLeft() instanceof Problem.Invalid invalid
          && invalid.violations().exists(v -> v.field().equals("providerMessageId") && v.rule().equals("unknown"))) {
        return error(404, "not_found", "no outbound message was sent as this provider message id",
            Option.some("provider_message_id"));
      }
      return problem(done.getLeft());
    }
    Option<dev.conversation.domain.Message> now = conversations.store().findByProviderMessageId(tenant.get(), provider);
    if (now.isEmpty()) {
      return error(404, "not_found", "no outbound message was sent as this provider message id", Option.some("provider_message_id"));
    }
    ObjectNode out = JSON.createObjectNode();
    out.put("conversation_id", now.get().conversationId().value());
    out.put("message_id", now.get().id().value());
    out.put("status", now.get().delivery().get().status().name().toLowerCase(Locale.ROOT));
    out.put("changed", done.get().events().nonEmpty());
    return ResponseEntity.status(200).contentType(MediaType.APPLICATION_JSON).body(out.toString());
  }

  private static Option<String> text(JsonNode json, String field) {
    JsonNode v = json.get(field);
    return v == null || v.isNull() ? Option.none() : Option.some(v.textValue());
  }

  private static ResponseEntity<String> problem(Problem p) {
    if (p instanceof Problem.Invalid invalid) {
      Violation first = invalid.violations().head();
      String field = first.field().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT)
          .replaceFirst("^(attachments\\[\\d+\\])\\.location$", "$1.url");
      return error(400, "bad_request", first.message().replace(first.field(), field), Option.some(field));
    }
    if (p instanceof Problem.KeyReused reused) {
      return error(409, "conflict", "provider_message_id was received before with other content (message "
          + reused.original().id().value() + " in conversation " + reused.id().value() + ")", Option.some("provider_message_id"));
    }
    if (p instanceof Problem.Unavailable) {
      return error(503, "unavailable", "the conversation store or directory is unavailable; try again later", Option.none());
    }
    return error(409, "conflict", p.message(), Option.none());
  }

  private static ResponseEntity<String> error(int status, String code, String message, Option<String> field) {
    ObjectNode out = JSON.createObjectNode();
    out.put("error", code);
    out.put("message", cut(message));
    if (field.isDefined()) {
      out.put("field", field.get());
    } else {
      out.putNull("field");
    }
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(out.toString());
  }

  private static String cut(String text) {
    if (text.length() <= MAX_MESSAGE) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(MAX_MESSAGE - 1)) ? MAX_MESSAGE - 1 : MAX_MESSAGE;
    return text.substring(0, end) + "...";
  }
}
