package dev.conversation.wire.klaviyo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi30;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The seed's own schemas, read from the verbatim copy of seed 000 in the test resources.
 *
 * <p>The seed holds raw newlines inside JSON strings, so it is read leniently
 * ({@code ALLOW_UNESCAPED_CONTROL_CHARS}), written back as strict JSON and handed to the validator
 * under a made-up IRI; the validator resolves the {@code $ref}s inside that document and checks
 * the formats ({@code date-time}, {@code uri}) with OpenAPI 3.0's dialect.
 *
 * <p>Public, and shipped in this module's test-jar, for the example host's end-to-end tests.
 */
public final class SeedSchemas {

  static final String SEED = "seed-000-retrieve-customer-agent-conversation.json";

  static final String RESPONSE = "/components/schemas/ConversationResponseDataWrapper";
  static final String CLIENT_ERROR = "/components/responses/ClientError/content/application~1vnd.api+json/schema";
  static final String SERVER_ERROR = "/components/responses/ServerError/content/application~1vnd.api+json/schema";

  private static final ObjectMapper LENIENT = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS).build();

  private static final JsonNode DOCUMENT = read();

  private static final Map<String, JsonSchema> CACHE = new ConcurrentHashMap<>();

  private SeedSchemas() {}

  private static JsonNode read() {
    try (InputStream in = SeedSchemas.class.getResourceAsStream(SEED)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + SEED);
      }
      return LENIENT.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns a copy of the seed document. */
  static ObjectNode document() {
    return (ObjectNode) DOCUMENT.deepCopy();
  }

  /** The 200 response's schema, exactly as the seed publishes it. */
  public static JsonSchema response() {
    return CACHE.computeIfAbsent("response", k -> load(DOCUMENT, "https://seed.test/000.json", RESPONSE));
  }

  /**
   * The 200 response's schema with {@code ConversationResponse.required} narrowed to the
   * attributes a sparse fieldset asks for. The seed marks all three attributes required although
   * its own {@code fields[customer-agent-conversation]} parameter lets a client leave them out;
   * a conforming sparse response can only be checked against the schema with that list narrowed.
   * Everything else (types, enums, formats, links, relationships) is checked as published.
   *
   * @param fields the {@code fields[customer-agent-conversation]} value asked for, such as
   *     {@code status,updated_at}
   */
  public static JsonSchema response(String fields) {
    return response(KlaviyoFields.parse(io.vavr.control.Option.some(fields)).get());
  }

  static JsonSchema response(KlaviyoFields fields) {
    String key = "response-" + String.join("-", fields.names());
    return CACHE.computeIfAbsent(key, k -> {
      ObjectNode copy = document();
      ObjectNode attributes = (ObjectNode) copy.at("/components/schemas/ConversationResponse");
      ArrayNode required = attributes.putArray("required");
      for (String name : fields.names()) {
        if (!name.equals("id")) {
          required.add(name);
        }
      }
      if (required.isEmpty()) {
        attributes.remove("required"); // OpenAPI 3.0 (JSON Schema draft 4) wants a non-empty list
      }
      return load(copy, "https://seed.test/000-" + k + ".json", RESPONSE);
    });
  }

  /**
   * The relationship document, {@code .../{id}/relationships/customer-agent-messages/}: the seed
   * only links to it, so its schema is ours, built on the seed's own components
   * ({@code CustomerAgentMessageResourceName}, {@code RelationshipLinks}) plus the page links.
   */
  public static JsonSchema relationship() {
    return CACHE.computeIfAbsent("relationship", k -> load(withPages(), "https://seed.test/000-pages.json",
        "/components/schemas/MessagesRelationshipDocument"));
  }

  /** The related resources document, {@code .../{id}/customer-agent-messages/}; ours, as {@link #relationship()}. */
  public static JsonSchema messages() {
    return CACHE.computeIfAbsent("messages", k -> load(withPages(), "https://seed.test/000-pages.json",
        "/components/schemas/MessagesDocument"));
  }

  private static ObjectNode withPages() {
    ObjectNode copy = document();
    ObjectNode schemas = (ObjectNode) copy.at("/components/schemas");
    ObjectMapper json = new ObjectMapper();
    try {
      schemas.set("MessageIdentifier", json.readTree("""
          {"type": "object", "additionalProperties": false, "required": ["type", "id"],
           "properties": {"type": {"$ref": "#/components/schemas/CustomerAgentMessageResourceName"},
                          "id": {"type": "string", "minLength": 1}}}"""));
      schemas.set("PageLinks", json.readTree("""
          {"type": "object", "required": ["self", "first", "next"],
           "properties": {"self": {"type": "string", "format": "uri"}, "first": {"type": "string", "format": "uri"},
                          "next": {"type": "string", "format": "uri", "nullable": true}}}"""));
      schemas.set("MessagesRelationshipDocument", json.readTree("""
          {"type": "object", "additionalProperties": false, "required": ["data", "links"],
           "properties": {"data": {"type": "array", "items": {"$ref": "#/components/schemas/MessageIdentifier"}},
                          "links": {"allOf": [{"$ref": "#/components/schemas/PageLinks"},
                                              {"$ref": "#/components/schemas/RelationshipLinks"}]}}}"""));
      schemas.set("MessageResource", json.readTree("""
          {"type": "object", "additionalProperties": false, "required": ["type", "id", "attributes"],
           "properties": {"type": {"$ref": "#/components/schemas/CustomerAgentMessageResourceName"},
                          "id": {"type": "string", "minLength": 1},
                          "attributes": {"type": "object", "additionalProperties": false,
                                         "required": ["role", "content", "attachments", "created_at"],
                                         "properties": {
                                           "role": {"type": "string", "enum": ["customer", "ai-agent", "human-agent", "system"]},
                                           "content": {"type": "string"},
                                           "attachments": {"type": "array", "items": {"type": "object", "additionalProperties": false,
                                               "required": ["name", "media_type", "size", "caption"],
                                               "properties": {"name": {"type": "string"}, "media_type": {"type": "string"},
                                                              "size": {"type": "integer", "minimum": 0},
                                                              "caption": {"type": "string", "nullable": true}}}},
                                           "created_at": {"type": "string", "format": "date-time"}}}}}"""));
      schemas.set("MessagesDocument", json.readTree("""
          {"type": "object", "additionalProperties": false, "required": ["data", "links"],
           "properties": {"data": {"type": "array", "items": {"$ref": "#/components/schemas/MessageResource"}},
                          "links": {"$ref": "#/components/schemas/PageLinks"}}}"""));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return copy;
  }

  /** The 4XX response's schema, exactly as the seed publishes it. */
  public static JsonSchema clientError() {
    return CACHE.computeIfAbsent("client-error", k -> load(DOCUMENT, "https://seed.test/000.json", CLIENT_ERROR));
  }

  /** The 5XX response's schema, exactly as the seed publishes it. */
  public static JsonSchema serverError() {
    return CACHE.computeIfAbsent("server-error", k -> load(DOCUMENT, "https://seed.test/000.json", SERVER_ERROR));
  }

  /** Returns every violation of the document against the schema; empty when it conforms. */
  public static Set<ValidationMessage> violations(JsonSchema schema, JsonNode document) {
    return schema.validate(document);
  }

  private static JsonSchema load(JsonNode document, String iri, String pointer) {
    String strict;
    try {
      strict = new ObjectMapper().writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4, builder -> builder
        .metaSchema(OpenApi30.getInstance())
        .defaultMetaSchemaIri(OpenApi30.getInstance().getIri())
        .schemaLoaders(loaders -> loaders.schemas(Map.of(iri, strict))));
    SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    return factory.getSchema(SchemaLocation.of(iri + "#" + pointer), config);
  }
}
