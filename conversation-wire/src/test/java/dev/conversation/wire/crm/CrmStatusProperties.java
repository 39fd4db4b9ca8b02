package dev.conversation.wire.crm;

import static dev.conversation.wire.crm.CrmFixtures.DESIGN_TABLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import com.fasterxml.jackson.databind.JsonNode;
import dev.conversation.domain.Conversation;
import dev.conversation.service.Enriched;
import dev.conversation.testkit.ConversationGenerators;
import dev.conversation.wire.ApiError;
import io.vavr.collection.List;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** The outbound projection is total and agrees with DESIGN section 6; inbound, a word covers what it stands for. */
class CrmStatusProperties {

  @Test
  void everyReachableConversationIsShownWithTheDesignTablesWordWhichReadsBackToASetHoldingItsStatus() {
    qt().withExamples(300).forAll(ConversationGenerators.conversations()).checkAssert(c -> {
      CrmStatus word = CrmStatus.of(c.status());
      assertThat(word.word()).isEqualTo(DESIGN_TABLE.get(c.status()));
      assertThat(CrmStatus.statuses("status", word.word()).get()).contains(c.status());
      assertThat(render(c).get("status").asText()).isEqualTo(word.word());
    });
  }

  @Test
  void anyStringThatIsNotOneOfTheFiveWordsIsAnUnknownStatusForItsField() {
    qt().forAll(strings().allPossible().ofLengthBetween(0, 20).mix(nearMisses(), 50))
        .assuming(w -> !CrmStatus.words().contains(w))
        .checkAssert(w -> {
          ApiError error = CrmStatus.statuses("status", w).getLeft();
          assertThat(error.status()).isEqualTo(400);
          assertThat(error.field()).contains("status");
          assertThat(error.rule()).isEqualTo("allowed-values");
          assertThat(error.message()).startsWith("status must be one of new, active, human_managed, resolved, waiting;");
        });
  }

  private static JsonNode render(Conversation c) {
    return CrmJson.conversation(new Enriched(c, Option.none(), Option.none(), true, List.empty()), List.empty());
  }

  /** Near misses: the five words in other cases and spellings, and our own status names. */
  private static Gen<String> nearMisses() {
    return Generate.pick(java.util.List.of("New", "ACTIVE", "human-managed", "humanManaged", "Resolved", "waiting ",
        " waiting", "snoozed", "closed", "open", "HUMAN_MANAGED", "resolved\n"));
  }
}
