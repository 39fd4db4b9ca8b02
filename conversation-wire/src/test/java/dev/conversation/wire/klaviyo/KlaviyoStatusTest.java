package dev.conversation.wire.klaviyo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conversation.domain.Status;
import dev.conversation.domain.Violation;
import io.vavr.collection.List;
import org.junit.jupiter.api.Test;

/** The status projection follows DESIGN section 6, and reading a word back is strict. */
class KlaviyoStatusTest {

  @Test
  void everyCanonicalStateProjectsAsTheDesignTableSays() {
    var states = Fixtures.everyState();
    assertThat(states.map(s -> s._2.conversation().status()).distinct())
        .as("the fixtures reach every canonical state")
        .containsExactlyInAnyOrder(Status.values());
    for (var state : states) {
      assertThat(KlaviyoStatus.of(state._2.conversation()).wire())
          .as("%s (%s, resolution %s)", state._2.conversation().id(), state._2.conversation().status(),
              state._2.conversation().resolution())
          .isEqualTo(state._1);
    }
  }

  @Test
  void eachWireWordReadsBackAndAnyOtherWordIsATypedViolationListingTheWords() {
    for (KlaviyoStatus status : KlaviyoStatus.values()) {
      assertThat(KlaviyoStatus.parse(status.wire()).get()).isEqualTo(status);
    }
    assertThat(List.of(KlaviyoStatus.values()).map(KlaviyoStatus::wire))
        .containsExactly("open", "routed-to-team", "resolved-by-ai", "closed");
    for (String word : List.of("Open", "OPEN", "resolved", "routed_to_team", " open", "", "ROUTED_TO_TEAM")) {
      Violation v = KlaviyoStatus.parse(word).getLeft();
      assertThat(v.field()).isEqualTo("status");
      assertThat(v.rule()).isEqualTo("unknown-status");
      assertThat(v.message()).contains("'" + word + "'").contains("open, routed-to-team, resolved-by-ai, closed");
    }
  }
}
