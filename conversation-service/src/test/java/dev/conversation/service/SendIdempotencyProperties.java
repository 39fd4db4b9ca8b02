package dev.conversation.service;

import static dev.conversation.service.ServiceFixtures.ACME;
import static dev.conversation.service.ServiceFixtures.T0;
import static dev.conversation.service.ServiceFixtures.allEvents;
import static dev.conversation.service.ServiceFixtures.allMessages;
import static dev.conversation.service.ServiceFixtures.right;
import static dev.conversation.service.ServiceFixtures.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Message;
import dev.conversation.domain.Participant;
import io.vavr.control.Either;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Any sequence of keyed sends, retries and key reuses against a model: a key stores one message,
 * a faithful retry replays it, anything else with that key is refused as reused.
 */
class SendIdempotencyProperties {

  private record Send(int key, int content, boolean byAi) {
    String keyText() {
      return "key-" + key;
    }

    String text() {
      return "content " + content;
    }

    Participant author() {
      return byAi ? Participant.ai() : Participant.customer();
    }
  }

  private static Gen<Send> sends() {
    return integers().between(0, 5).zip(integers().between(0, 2), booleans().all(), Send::new);
  }

  @Test
  void aKeyStoresOneMessageRetriesReplayItAndOtherMessagesWithItAreRefused() {
    qt().withExamples(150).forAll(lists().of(sends()).ofSizeBetween(1, 40)).checkAssert(sends -> {
      ManualClock clock = new ManualClock(T0);
      try (Conversations service = ServiceFixtures.deterministic(clock).build()) {
        ConversationId id = started(service, ACME).id();
        Map<String, Message> model = new HashMap<>();
        for (Send s : sends) {
          clock.advance(Duration.ofSeconds(1));
          long versionBefore = right(service.get(ACME, id)).version();
          int eventsBefore = allEvents(service, ACME).size();
          Either<Problem, Outcome> result = service.send(ACME, id, new NewMessage(s.author(), s.text(),
              io.vavr.collection.List.empty(), io.vavr.control.Option.some(s.keyText())));
          Message original = model.get(s.keyText());
          if (original == null) {
            Outcome stored = right(result);
            assertThat(stored.replayed()).isFalse();
            assertThat(stored.conversation().version()).isEqualTo(versionBefore + 1);
            model.put(s.keyText(), stored.messages().single());
            continue;
          }
          if (original.author().equals(s.author()) && original.content().equals(s.text())) {
            Outcome replay = right(result);
            assertThat(replay.replayed()).isTrue();
            assertThat(replay.messages()).containsExactly(original);
          } else {
            assertThat(result.getLeft()).isEqualTo(new Problem.KeyReused(id, s.keyText(), original));
          }
          assertThat(right(service.get(ACME, id)).version()).isEqualTo(versionBefore);
          assertThat(allEvents(service, ACME)).hasSize(eventsBefore);
        }
        assertThat(allMessages(service, ACME, id, 7)).containsExactlyInAnyOrderElementsOf(model.values());
        assertThat(right(service.get(ACME, id)).messageCount()).isEqualTo(model.size());
      }
    });
  }
}
