package dev.conversation.wire.crm;

import static dev.conversation.wire.crm.CrmFixtures.DESIGN_TABLE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conversation.domain.Status;
import dev.conversation.wire.ApiError;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Set;
import org.junit.jupiter.api.Test;

/** The status vocabulary of seed 003 in both directions, against DESIGN section 6. */
class CrmStatusTest {

  @Test
  void everyStatusHasTheDesignTablesWordAndTheWordsSetsPartitionOurStatuses() {
    for (Status s : Status.values()) {
      assertThat(CrmStatus.of(s).word()).as("%s", s).isEqualTo(DESIGN_TABLE.get(s));
    }
    assertThat(CrmStatus.words()).containsExactly("new", "active", "human_managed", "resolved", "waiting");
    assertThat(CrmStatus.statuses("status", "waiting").get()).containsExactlyInAnyOrder(Status.WAITING, Status.SNOOZED);
    assertThat(CrmStatus.statuses("status", "resolved").get()).containsExactlyInAnyOrder(Status.RESOLVED, Status.CLOSED);
    assertThat(CrmStatus.statuses("status", "human_managed").get()).containsExactly(Status.HUMAN_MANAGED);

    Set<Status> union = HashSet.empty();
    for (CrmStatus word : CrmStatus.values()) {
      assertThat(union.intersect(word.covers())).as("%s overlaps another word", word.word()).isEmpty();
      union = union.addAll(word.covers());
    }
    assertThat(union).containsExactlyInAnyOrder(Status.values());
  }

  @Test
  void aWordThatIsNotOneOfTheFiveIsA400NamingTheFieldTheRuleAndTheAllowedWords() {
    for (String word : List.of("open", "Active", " active", "human-managed", "snoozed", "closed", "")) {
      ApiError error = CrmStatus.parse("status", word).getLeft();
      assertThat(error.field()).contains("status");
      assertThat(error.rule()).isEqualTo("allowed-values");
      assertThat(error.message()).as("the allowed words, and the word as sent")
          .isEqualTo("status must be one of new, active, human_managed, resolved, waiting; was '" + word + "'");
      assertThat(error.status()).isEqualTo(400);
    }
    assertThat(CrmStatus.statuses("filter[status]", "open").getLeft().message())
        .isEqualTo("filter[status] must be one of new, active, human_managed, resolved, waiting; was 'open'");
    assertThat(CrmResponse.of(CrmStatus.parse("status", "x\u0000y\ud800" + "z".repeat(60)).getLeft()).body().get("error").asText())
        .as("client input is quoted cut short and without control characters or broken surrogates")
        .isEqualTo("status must be one of new, active, human_managed, resolved, waiting; was 'x?y?" + "z".repeat(36) + "…'");
  }
}
