package dev.conversation.wire.klaviyo;

import dev.conversation.wire.ApiError;
import static dev.conversation.wire.klaviyo.SeedSchemas.violations;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import dev.conversation.domain.ConversationId;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Rendered documents conform to the seed's own schemas ({@code ConversationResponseDataWrapper}
 * and the {@code ClientError} response), and the check is real: broken documents fail it.
 */
class SeedSchemaTest {

  private static final KlaviyoConversationResource KLAVIYO = KlaviyoConversationResource.at("https://a.klaviyo.com");

  @Test
  void everyStatusWithAndWithoutMessagesConformsToConversationResponseDataWrapper() {
    for (var state : Fixtures.everyState()) {
      Fixtures.Life life = state._2;
      assertThat(life.messages()).as("%s has messages", life.conversation().id()).isNotEmpty();
      ObjectNode withMessages = KLAVIYO.document(life.conversation(), life.messages());
      ObjectNode without = KLAVIYO.document(life.conversation(), List.empty());
      assertThat(withMessages.at("/data/attributes/status").asText()).isEqualTo(state._1);
      assertThat(violations(SeedSchemas.response(), withMessages)).as("%s", withMessages).isEmpty();
      assertThat(violations(SeedSchemas.response(), without)).as("%s", without).isEmpty();
    }
  }

  @Test
  void everySparseFieldsetConformsOnceTheSeedsRequiredListIsNarrowedToTheRequestedAttributes() {
    Fixtures.Life life = Fixtures.resolvedByAi();
    List<String> values = List.of("", "id", "status", "created_at", "updated_at", "status,updated_at",
        "id,created_at", "created_at,id,status,updated_at");
    for (String value : values) {
      KlaviyoFields fields = KlaviyoFields.parse(Option.some(value)).get();
      ObjectNode sparse = KLAVIYO.document(life.conversation(), life.messages(), fields);
      assertThat(violations(SeedSchemas.response(fields), sparse)).as("fields=%s: %s", value, sparse).isEmpty();
    }
    // The seed contradicts itself: its schema requires all three attributes, so the published
    // schema rejects a response that honours fields[customer-agent-conversation]=status.
    KlaviyoFields statusOnly = KlaviyoFields.parse(Option.some("status")).get();
    assertThat(violations(SeedSchemas.response(), KLAVIYO.document(life.conversation(), life.messages(), statusOnly)))
        .extracting(m -> m.getMessage())
        .anySatisfy(m -> assertThat(m).contains("created_at"))
        .anySatisfy(m -> assertThat(m).contains("updated_at"));
  }

  @Test
  void brokenConversationDocumentsAreRejected() {
    Fixtures.Life life = Fixtures.resolvedByAi();
    ObjectNode good = KLAVIYO.document(life.conversation(), life.messages());
    assertThat(violations(SeedSchemas.response(), good)).isEmpty();

    rejected(SeedSchemas.response(), good, d -> d.withObjectProperty("data").withObjectProperty("attributes").put("status", "resolved"));
    rejected(SeedSchemas.response(), good, d -> d.withObjectProperty("data").withObjectProperty("attributes").put("status", "Open"));
    rejected(SeedSchemas.response(), good, d -> d.withObjectProperty("data").remove("links"));
    rejected(SeedSchemas.response(), good, d -> d.withObjectProperty("data").withObjectProperty("links").remove("self"));
    rejected(SeedSchemas.response(), good, d -> d.withObjectProperty("data").withObjectProperty("relationships").withObjectProperty("customer-agent-messages")
        .withObjectProperty("links").remove("related"));
    rejected(SeedSchemas.response(), good, d -> d.withObjectProperty("data").remove("relationships"));
    rejected(SeedSchemas.response(), good, d -> d.withObjectProperty("data").put("type", "conversation"));
    rejected(SeedSchemas.response(), good, d -> d.withObjectProperty("data").put("id", 123));
    rejected(SeedSchemas.response(), good, d -> ((ObjectNode) d.at("/data/relationships/customer-agent-messages/data/0"))
        .put("type", "message"));
    rejected(SeedSchemas.response(), good, d -> d.withObjectProperty("data").withObjectProperty("attributes").put("created_at", "2026-05-13 12:00:00"));
    rejected(SeedSchemas.response(), good, d -> d.withObjectProperty("data").withObjectProperty("attributes").put("updated_at", "yesterday"));
    rejected(SeedSchemas.response(), good, d -> d.withObjectProperty("data").withObjectProperty("links").put("self", "not a uri"));
    rejected(SeedSchemas.response(), good, d -> d.remove("data"));
  }

  @Test
  void everyErrorDocumentConformsToTheClientOrServerErrorResponse() {
    List<ApiError> problems = List.of(
        KlaviyoProblem.missingRevision(),
        KlaviyoProblem.malformedRevision("2026-4-15", KlaviyoProblem.FORMAT),
        KlaviyoProblem.malformedRevision("2026-02-30", KlaviyoProblem.CALENDAR_DATE),
        KlaviyoRevision.fromHeader(Option.some("2026-04-15")).getLeft(),
        KlaviyoProblem.unknownFields(List.of("subject")),
        KlaviyoProblem.missingApiKey(),
        KlaviyoProblem.malformedAuthorization(KlaviyoProblem.SCHEME),
        KlaviyoProblem.invalidApiKey(),
        KlaviyoProblem.notFound(ConversationId.of("conv_missing")));
    for (ApiError problem : problems) {
      ObjectNode document = KlaviyoError.document(problem, "id-" + problem.rule());
      assertThat(violations(SeedSchemas.clientError(), document)).as("%s", document).isEmpty();
    }
    java.util.concurrent.atomic.AtomicInteger ids = new java.util.concurrent.atomic.AtomicInteger();
    ObjectNode all = KlaviyoError.document(problems, () -> "e" + ids.getAndIncrement());
    assertThat(all.get("errors")).hasSize(problems.size());
    assertThat(violations(SeedSchemas.clientError(), all)).isEmpty();

    ObjectNode serverError = KlaviyoError.document(ApiError.unavailable("the store"), "e500");
    assertThat(violations(SeedSchemas.serverError(), serverError)).as("%s", serverError).isEmpty();
    assertThat(serverError.at("/errors/0/code").asText()).isEqualTo("error");
  }

  @Test
  void brokenErrorDocumentsAreRejected() {
    ObjectNode good = KlaviyoError.document(KlaviyoProblem.missingRevision(), "e1");
    JsonSchema schema = SeedSchemas.clientError();
    rejected(schema, good, d -> ((ObjectNode) d.at("/errors/0")).remove("code"));
    rejected(schema, good, d -> ((ObjectNode) d.at("/errors/0")).remove("id"));
    rejected(schema, good, d -> ((ObjectNode) d.at("/errors/0")).put("detail", 400));
    rejected(schema, good, d -> ((ObjectNode) d.at("/errors/0/source")).put("parameter", 1));
    rejected(schema, good, d -> d.put("errors", "revision missing"));
    rejected(schema, good, d -> d.remove("errors"));
  }

  private static void rejected(JsonSchema schema, ObjectNode good, Consumer<ObjectNode> breakIt) {
    ObjectNode broken = good.deepCopy();
    breakIt.accept(broken);
    assertThat(broken).isNotEqualTo(good);
    assertThat(violations(schema, broken)).as("broken document %s", broken).isNotEmpty();
  }
}
