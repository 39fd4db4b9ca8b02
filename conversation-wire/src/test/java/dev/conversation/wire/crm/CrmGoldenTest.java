package dev.conversation.wire.crm;

import static dev.conversation.wire.crm.CrmFixtures.DOCUMENT_FIELDS;
import static dev.conversation.wire.crm.CrmFixtures.ID;
import static dev.conversation.wire.crm.CrmFixtures.OUTCOME;
import static dev.conversation.wire.crm.CrmFixtures.completelyEnriched;
import static dev.conversation.wire.crm.CrmFixtures.documentConversation;
import static dev.conversation.wire.crm.CrmFixtures.documentMessages;
import static dev.conversation.wire.crm.CrmFixtures.fieldNames;
import static dev.conversation.wire.crm.CrmFixtures.resource;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.Participant;
import dev.conversation.domain.Resolution;
import dev.conversation.domain.Status;
import dev.conversation.service.Problem;
import dev.conversation.wire.ApiError;
import io.vavr.control.Option;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The field table's examples of seed 003, rendered whole and compared with the expected documents
 * in the test resources by Jackson tree equality.
 */
class CrmGoldenTest {

  @Test
  void theDocumentsExampleConversationRendersAsTheGoldenDocumentInTheDocumentsFieldOrder() {
    JsonNode expected = resource("conversation-c1a2b3c4.json");

    ObjectNode actual = CrmJson.conversation(completelyEnriched(documentConversation()), documentMessages());

    assertThat(actual).isEqualTo(expected);
    assertThat(fieldNames(actual)).as("the document's fields first, in its order, then ours")
        .isEqualTo(fieldNames(expected))
        .startsWith(DOCUMENT_FIELDS.toJavaArray(String[]::new));
    assertThat(fieldNames(actual.get("messages").get(1))).containsExactly(
        "id", "role", "author", "content", "type", "citations", "attachments", "delivery", "createdAt");
  }

  /**
   * The table's example pairs status "active" with an outcome, which our model keeps only while
   * resolved (see the report); resolved, the example's outcome text is shown.
   */
  @Test
  void resolvedTheExampleShowsTheWordResolvedAndTheDocumentsOutcome() {
    Conversation resolved = Conversation.builder().from(documentConversation())
        .status(Status.RESOLVED)
        .resolution(Option.some(new Resolution(OUTCOME, Participant.ai(), Instant.parse("2026-03-25T11:42:00Z"))))
        .build();
    ObjectNode expected = (ObjectNode) resource("conversation-c1a2b3c4.json");
    expected.put("status", "resolved").put("outcome", "Delivery timeline confirmed, customer satisfied.");

    assertThat(CrmJson.conversation(completelyEnriched(resolved), documentMessages())).isEqualTo(expected);
  }

  @Test
  void notFoundIsExactlyTheDocumentsErrorObjectWith404() {
    CrmResponse response = CrmResponse.of(CrmGetConversation.error(new Problem.NotFound(ID)));

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.json()).isEqualTo("{\"error\":\"Conversation not found\"}");
    assertThat(CrmJson.error("Conversation not found")).isEqualTo(response.body());
    CrmResponse unauthorized = CrmResponse.of(ApiError.unauthorized("Authorization", "api-key", "Unauthorized"));
    assertThat(unauthorized.json()).as("the host's own errors, same shape").isEqualTo("{\"error\":\"Unauthorized\"}");
    assertThat(unauthorized.status()).isEqualTo(401);
  }

  @Test
  void timestampsHaveExactlyMillisecondsInUtcAndFinerDigitsAreCutNotRounded() {
    assertThat(CrmJson.timestamp(Instant.parse("2026-03-25T11:42:00Z"))).isEqualTo("2026-03-25T11:42:00.000Z");
    assertThat(CrmJson.timestamp(Instant.parse("2026-03-24T08:15:00.999999Z"))).isEqualTo("2026-03-24T08:15:00.999Z");
    assertThat(CrmJson.timestamp(Instant.parse("2026-03-24T08:15:00.000999999Z"))).isEqualTo("2026-03-24T08:15:00.000Z");
    assertThat(CrmJson.timestamp(Instant.parse("1969-12-31T23:59:59.9999Z"))).isEqualTo("1969-12-31T23:59:59.999Z");
  }
}
