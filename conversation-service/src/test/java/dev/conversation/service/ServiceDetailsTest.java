package dev.conversation.service;

import static dev.conversation.service.ServiceFixtures.ACME;
import static dev.conversation.service.ServiceFixtures.SUPPORT;
import static dev.conversation.service.ServiceFixtures.T0;
import static dev.conversation.service.ServiceFixtures.customer;
import static dev.conversation.service.ServiceFixtures.left;
import static dev.conversation.service.ServiceFixtures.right;
import static dev.conversation.service.ServiceFixtures.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Command;
import dev.conversation.domain.Contact;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Handle;
import dev.conversation.domain.Message;
import dev.conversation.domain.MessageId;
import dev.conversation.domain.Participant;
import dev.conversation.domain.Violation;
import dev.conversation.persistence.StoreFailure;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The service's smaller promises: problem texts, contacts from handles, replays, threads. */
class ServiceDetailsTest {

  @Test
  void everyProblemSaysWhatHappenedInWords() {
    ConversationId id = ConversationId.of("c-1");
    Message original = Message.builder().id(MessageId.of("m-1")).conversationId(id).author(Participant.customer())
        .content("hi").createdAt(T0).build();
    assertThat(new Problem.Invalid(List.of(new Violation("limit", "limit-out-of-range", "limit must be 1 to 100")))
        .message()).isEqualTo("invalid input: limit: limit must be 1 to 100 [limit-out-of-range]");
    assertThat(new Problem.NotFound(id).message()).isEqualTo("conversation c-1 not found");
    assertThat(new Problem.Contended(id, 64).message())
        .isEqualTo("conversation c-1 changed under 64 attempts in a row; try again");
    assertThat(new Problem.KeyReused(id, "k", original).message()).isEqualTo(
        "idempotency key 'k' was already used in conversation c-1 for message m-1 with other content or author;"
            + " use a new key for a new message");
    assertThat(new Problem.Unavailable("reading", new StoreFailure("disk gone", null)).message())
        .startsWith("reading failed: ").contains("disk gone");
  }

  @Test
  void aNamedCustomerOnAHandleChannelGetsAContactWithThatHandleAndOnWebChatWithTheVisitorId() {
    try (Conversations service = ServiceFixtures.deterministic(new ManualClock(T0)).build()) {
      Outcome instagram = right(service.create(ACME, NewConversation.on(SUPPORT, Channel.of(ChannelType.INSTAGRAM))
          .customerAddress("@jane.doe").customerName("Jane")));
      Contact jane = service.directory().contact(ACME, instagram.conversation().contactId().get()).get();
      assertThat(jane.handles().get(ChannelType.INSTAGRAM)).contains(new Handle("@jane.doe"));
      Outcome web = right(service.create(ACME, NewConversation.on(SUPPORT, Channel.of(ChannelType.WEB_CHAT))
          .customerAddress("jane_doe").customerName("Jane")));
      Contact visitor = service.directory().contact(ACME, web.conversation().contactId().get()).get();
      assertThat(visitor.handles()).isEqualTo(io.vavr.collection.HashMap.of(ChannelType.WEB_CHAT, new Handle("jane_doe")));
      assertThat(visitor.name()).contains("Jane");
    }
  }

  @Test
  void aKeyedCreateRetriedWithAnotherFirstMessageOrAuthorIsAReusedKey() {
    try (Conversations service = ServiceFixtures.deterministic(new ManualClock(T0)).build()) {
      NewConversation first = ServiceFixtures.webChat().firstMessage(customer("hello")).idempotencyKey("k-1");
      right(service.create(ACME, first));
      assertThat(right(service.create(ACME, first)).replayed()).isTrue();
      Problem otherText = left(service.create(ACME, ServiceFixtures.webChat().firstMessage(customer("bye")).idempotencyKey("k-1")));
      Problem otherAuthor = left(service.create(ACME, ServiceFixtures.webChat()
          .firstMessage(NewMessage.of(Participant.ai(), "hello")).idempotencyKey("k-1")));
      for (Problem p : List.of(otherText, otherAuthor)) {
        assertThat(((Problem.Invalid) p).violations().map(Violation::rule)).containsExactly("idempotency-key-reused");
      }
    }
  }

  @Test
  void aBatchThatRepeatsAStoredKeyIsAReusedKeyAndStoresNothing() {
    try (Conversations service = ServiceFixtures.deterministic(new ManualClock(T0)).build()) {
      ConversationId id = started(service, ACME).id();
      right(service.send(ACME, id, customer("hello").withIdempotencyKey("k-1")));
      Problem p = left(service.execute(ACME, id, List.of(
          Command.UpdateMetadata.by(Participant.ai()).addTags("vip"),
          Command.AppendMessage.of(MessageId.of("m-x"), Participant.customer(), "hello again").withIdempotencyKey("k-1"))));
      assertThat(p).isInstanceOf(Problem.KeyReused.class);
      assertThat(right(service.get(ACME, id)).tags()).isEmpty();
    }
  }

  @Test
  void aBatchMayNotHoldANullCommand() {
    try (Conversations service = Conversations.inMemory()) {
      ConversationId id = started(service, ACME).id();
      java.util.List<Command> withNull = new java.util.ArrayList<>();
      withNull.add(null);
      assertThatThrownBy(() -> service.execute(ACME, id, List.ofAll(withNull)))
          .isInstanceOf(NullPointerException.class).hasMessage("commands[]");
    }
  }

  @Test
  void directoryLookupsRunOnDaemonThreadsSoTheyNeverKeepAHostAlive() {
    ScriptedDirectory directory = new ScriptedDirectory();
    AtomicBoolean daemon = new AtomicBoolean();
    directory.contactLookup = (tenant, contactId) -> {
      daemon.set(Thread.currentThread().isDaemon());
      return directory.delegate.contact(tenant, contactId);
    };
    try (Conversations service = ServiceFixtures.deterministic(new ManualClock(T0)).directory(directory).build()) {
      Outcome created = right(service.create(ACME, ServiceFixtures.webChat().customerName("Jane")));
      assertThat(right(service.getEnriched(ACME, created.conversation().id())).complete()).isTrue();
      assertThat(daemon).isTrue();
    }
  }

  @Test
  void anInterruptedEnrichmentSaysSoAndKeepsTheInterrupt() throws InterruptedException {
    ScriptedDirectory directory = new ScriptedDirectory();
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    try (Conversations service = ServiceFixtures.deterministic(new ManualClock(T0)).directory(directory).build()) {
      Outcome created = right(service.create(ACME, ServiceFixtures.webChat().customerName("Jane")));
      // The lookup is still running when the caller, already interrupted, waits for it.
      directory.contactLookup = (tenant, contactId) -> {
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return directory.delegate.contact(tenant, contactId);
      };
      Thread.currentThread().interrupt();
      try {
        Enriched enriched = right(service.getEnriched(ACME, created.conversation().id()));
        assertThat(enriched.complete()).isFalse();
        assertThat(enriched.problems()).containsExactly("contact lookup interrupted");
        assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is kept for the caller").isTrue();
      } finally {
        Thread.interrupted();
        release.countDown();
      }
    }
  }
}
