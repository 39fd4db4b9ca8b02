package dev.conversation.service;

import static dev.conversation.service.ServiceFixtures.ACME;
import static dev.conversation.service.ServiceFixtures.T0;
import static dev.conversation.service.ServiceFixtures.ai;
import static dev.conversation.service.ServiceFixtures.allMessages;
import static dev.conversation.service.ServiceFixtures.customer;
import static dev.conversation.service.ServiceFixtures.left;
import static dev.conversation.service.ServiceFixtures.right;
import static dev.conversation.service.ServiceFixtures.snapshot;
import static dev.conversation.service.ServiceFixtures.started;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conversation.domain.Conversation;
import dev.conversation.domain.Message;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A send with an idempotency key is stored once; a retry is answered with the original. */
class SendIdempotencyTest {

  private final ManualClock clock = new ManualClock(T0);
  private final Conversations service = ServiceFixtures.deterministic(clock).build();

  @AfterEach
  void tearDown() {
    service.close();
  }

  @Test
  void aRetriedSendWithTheSameKeyAndContentIsAReplayOfTheOriginalAndStoresNothing() {
    Conversation c = started(service, ACME);
    clock.advance(Duration.ofSeconds(5));
    Outcome first = right(service.send(ACME, c.id(), customer("Where is my parcel?").withIdempotencyKey("k-1")));
    Message original = first.messages().single();
    ServiceFixtures.Snapshot before = snapshot(service, ACME);

    clock.advance(Duration.ofSeconds(5));
    Outcome retry = right(service.send(ACME, c.id(), customer("Where is my parcel?").withIdempotencyKey("k-1")));
    assertThat(retry.replayed()).isTrue();
    assertThat(retry.changed()).isFalse();
    assertThat(retry.messages()).containsExactly(original);
    assertThat(retry.conversation()).isEqualTo(first.conversation());
    assertThat(retry.conversation().version()).isEqualTo(2);
    assertThat(allMessages(service, ACME, c.id(), 100)).containsExactly(original);
    assertThat(snapshot(service, ACME)).isEqualTo(before);
  }

  @Test
  void theSameKeyWithOtherContentIsKeyReusedNamingTheOriginal() {
    Conversation c = started(service, ACME);
    Message original = right(service.send(ACME, c.id(), customer("first").withIdempotencyKey("k-1"))).messages().single();
    ServiceFixtures.Snapshot before = snapshot(service, ACME);

    Problem problem = left(service.send(ACME, c.id(), customer("second").withIdempotencyKey("k-1")));
    assertThat(problem).isInstanceOfSatisfying(Problem.KeyReused.class, reused -> {
      assertThat(reused.key()).isEqualTo("k-1");
      assertThat(reused.original()).isEqualTo(original);
      assertThat(reused.id()).isEqualTo(c.id());
    });
    assertThat(problem.code()).isEqualTo("idempotency-key-reused");
    assertThat(snapshot(service, ACME)).isEqualTo(before);
    assertThat(allMessages(service, ACME, c.id(), 100)).containsExactly(original);
  }

  @Test
  void theSameKeyWithTheSameContentByAnotherAuthorIsKeyReused() {
    Conversation c = started(service, ACME);
    right(service.send(ACME, c.id(), customer("ok").withIdempotencyKey("k-1")));
    assertThat(left(service.send(ACME, c.id(), ai("ok").withIdempotencyKey("k-1")))).isInstanceOf(Problem.KeyReused.class);
  }

  @Test
  void keysAreScopedToTheirConversation() {
    Conversation a = started(service, ACME);
    Conversation b = started(service, ACME);
    Outcome inA = right(service.send(ACME, a.id(), customer("hi").withIdempotencyKey("k-1")));
    Outcome inB = right(service.send(ACME, b.id(), customer("hi").withIdempotencyKey("k-1")));
    assertThat(inB.replayed()).isFalse();
    assertThat(inB.messages().single().id()).isNotEqualTo(inA.messages().single().id());
    assertThat(right(service.get(ACME, b.id())).messageCount()).isEqualTo(1);
  }

  @Test
  void sendsWithoutAKeyAreNeverReplays() {
    Conversation c = started(service, ACME);
    right(service.send(ACME, c.id(), customer("again")));
    Outcome second = right(service.send(ACME, c.id(), customer("again")));
    assertThat(second.replayed()).isFalse();
    assertThat(allMessages(service, ACME, c.id(), 100)).hasSize(2);
  }
}
