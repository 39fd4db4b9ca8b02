package dev.conversation.service;

import static dev.conversation.service.ServiceFixtures.ACME;
import static dev.conversation.service.ServiceFixtures.ALICE_BY;
import static dev.conversation.service.ServiceFixtures.GLOBEX;
import static dev.conversation.service.ServiceFixtures.left;
import static dev.conversation.service.ServiceFixtures.right;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelId;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Command;
import dev.conversation.domain.ContactId;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Erasure;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.Violation;
import dev.conversation.domain.WorkspaceId;
import dev.conversation.persistence.ConversationStore;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Erasing a contact and retention through the service, with its batches and its failures. */
class PersonalDataServiceTest {

  private static final String MARIA = "+4915112345678";

  private final ManualClock clock = new ManualClock(ServiceFixtures.T0);
  private final DelegatingStore store = new DelegatingStore(ConversationStore.inMemory());
  private final ScriptedDirectory directory = new ScriptedDirectory();

  private Conversations service() {
    return ServiceFixtures.deterministic(clock).store(store).directory(directory).build();
  }

  private static Received inbound(Conversations service, TenantId tenant, int instance, String from, String content) {
    return right(service.receive(tenant, InboundMessage.of(WorkspaceId.of("support"),
        Channel.of(ChannelType.WHATSAPP, ChannelId.of("+1555" + (1_000_000 + instance))), from, content,
        "wamid." + instance + "-" + content.hashCode()).senderName("Maria Rossi")));
  }

  @Test
  void aContactWithMoreConversationsThanABatchIsErasedWhole() {
    try (Conversations service = service()) {
      ContactId maria = null;
      for (int i = 0; i < PersonalData.BATCH + 3; i++) {
        maria = inbound(service, ACME, i, MARIA, "Message " + i + " from Via Roma 12").contactId();
      }
      Received other = inbound(service, ACME, 0, "+4915187654321", "Ann here");
      ContactErasure erased = right(service.erase(ACME, maria));
      assertThat(erased).isEqualTo(new ContactErasure(maria, true, PersonalData.BATCH + 3, PersonalData.BATCH + 3,
          erased.events()));
      assertThat(erased.events()).as("each conversation's message event").isEqualTo(PersonalData.BATCH + 3);
      assertThat(right(service.conversationsOf(ACME, maria, Option.none(), 1000))).isEmpty();
      assertThat(right(service.conversationsOf(ACME, other.contactId(), Option.none(), 1))).containsExactly(other.conversationId());
      assertThat(right(service.get(ACME, other.conversationId())).lastMessagePreview()).contains("Ann here");
      assertThat(left(service.erase(ACME, maria))).isEqualTo(new Problem.ContactNotFound(maria));
      assertThat(left(service.erase(ACME, maria)).message()).isEqualTo("contact " + maria.value() + " not found");
      assertThat(left(service.erase(ACME, maria)).code()).isEqualTo("not-found");
    }
  }

  @Test
  void aContactOnlyTheDirectoryKnowsIsRemovedAndOneOnlyConversationsKnowIsErased() {
    try (Conversations service = service()) {
      ContactId maria = inbound(service, ACME, 1, MARIA, "Hello").contactId();
      assertThat(left(service.erase(GLOBEX, maria))).as("another tenant knows no such contact")
          .isInstanceOf(Problem.ContactNotFound.class);
      ContactErasure erased = right(service.erase(ACME, maria));
      assertThat(erased.removedFromDirectory()).isTrue();
      ContactId leftover = inbound(service, ACME, 2, MARIA, "Again").contactId();
      directory.delegate.delete(ACME, leftover);
      ContactErasure resumed = right(service.erase(ACME, leftover));
      assertThat(resumed.removedFromDirectory()).as("already gone from the directory").isFalse();
      assertThat(resumed.conversations()).isEqualTo(1);
    }
  }

  @Test
  void failuresAreUnavailableAndARunAgainFinishesTheErasure() {
    try (Conversations service = service()) {
      ContactId maria = inbound(service, ACME, 1, MARIA, "Hello").contactId();
      ConversationId id = right(service.conversationsOf(ACME, maria, Option.none(), 10)).head();
      directory.deletion = (t, c) -> {
        throw new IllegalStateException("crm down");
      };
      assertThat(left(service.erase(ACME, maria))).isInstanceOf(Problem.Unavailable.class);
      directory.deletion = directory.delegate::delete;
      store.failing = "ofContact";
      assertThat(left(service.erase(ACME, maria))).isInstanceOf(Problem.Unavailable.class);
      store.failing = "erase";
      assertThat(left(service.erase(ACME, maria))).isInstanceOf(Problem.Unavailable.class);
      assertThat(Erasure.isErased(right(service.get(ACME, id)))).as("nothing erased yet").isFalse();
      store.failing = "";
      ContactErasure erased = right(service.erase(ACME, maria));
      assertThat(erased.removedFromDirectory()).as("the first run removed it").isFalse();
      assertThat(erased.conversations()).isEqualTo(1);
      assertThat(left(service.conversationsOf(ACME, maria, Option.none(), 0))).isInstanceOf(Problem.Invalid.class);
      assertThat(((Problem.Invalid) left(service.conversationsOf(ACME, maria, Option.none(), 1001))).violations()
          .map(Violation::field)).containsExactly("limit");
      store.failing = "ofContact";
      assertThat(left(service.conversationsOf(ACME, maria, Option.none(), 1))).isInstanceOf(Problem.Unavailable.class);
    }
  }

  @Test
  void aMessageWhoseCommitMeetsTheErasureIsRoutedToANewConversation() {
    try (Conversations service = service()) {
      Received first = inbound(service, ACME, 1, MARIA, "Hello");
      java.util.concurrent.atomic.AtomicBoolean erased = new java.util.concurrent.atomic.AtomicBoolean();
      // The erasure commits between routing's read of the conversation and its commit.
      store.script((n, t, v, d) -> {
        if (!erased.getAndSet(true)) {
          right(service.erase(ACME, first.contactId()));
        }
        return Option.none();
      });
      Received racing = inbound(service, ACME, 1, MARIA, "My new address is Via Verdi 7");
      assertThat(erased).isTrue();
      assertThat(racing.conversationId()).as("not the erased conversation").isNotEqualTo(first.conversationId());
      assertThat(racing.delivery()).isEqualTo(Received.Delivery.CREATED);
      assertThat(right(service.history(ACME, first.conversationId(), Option.some(10), Option.none())).items())
          .allMatch(m -> m.content().equals(Erasure.MARKER));
      assertThat(right(service.conversationsOf(ACME, racing.contactId(), Option.none(), 10)))
          .as("a later erasure finds it").containsExactly(racing.conversationId());
    }
  }

  private Seq<ConversationId> closedIn(Conversations service, TenantId tenant, int n) {
    List<ConversationId> ids = List.empty();
    for (int i = 0; i < n; i++) {
      ConversationId id = inbound(service, tenant, 100 + i, "+491510000" + (100 + i), "Q" + i).conversationId();
      right(service.execute(tenant, id, new Command.Resolve(ALICE_BY, "done")));
      right(service.execute(tenant, id, new Command.Close(ALICE_BY)));
      ids = ids.append(id);
    }
    return ids;
  }

  @Test
  void retentionSweepsEachTenantUnderItsOwnDurationInBatches() {
    try (Conversations service = service()) {
      TenantId forever = TenantId.of("forever");
      Seq<ConversationId> acme = closedIn(service, ACME, PersonalData.BATCH + 5);
      Seq<ConversationId> globex = closedIn(service, GLOBEX, 3);
      Seq<ConversationId> kept = closedIn(service, forever, 2);
      ConversationId open = inbound(service, ACME, 999, "+4915100000999", "still open").conversationId();
      clock.advance(Duration.ofDays(8));
      Retention retention = Retention.keepClosedFor(Duration.ofDays(30)).tenant(ACME, Duration.ofDays(7))
          .tenantKeepsForever(forever);
      assertThat(retention.of(ACME)).contains(Duration.ofDays(7));
      assertThat(retention.of(GLOBEX)).contains(Duration.ofDays(30));
      assertThat(retention.of(forever)).isEmpty();
      assertThat(retention.toString()).isEqualTo("Retention[default=PT720H, acme=PT168H, forever=forever]");
      assertThat(right(service.purgeClosed(retention))).as("acme's, past 7 days, over two batches")
          .isEqualTo(PersonalData.BATCH + 5);
      assertThat(acme).allMatch(id -> service.get(ACME, id).isLeft());
      assertThat(right(service.get(ACME, open)).status()).isNotEqualTo(dev.conversation.domain.Status.CLOSED);
      clock.advance(Duration.ofDays(30));
      assertThat(right(service.purgeClosed(retention))).isEqualTo(3);
      assertThat(globex).allMatch(id -> service.get(GLOBEX, id).isLeft());
      assertThat(kept).allMatch(id -> service.get(forever, id).isRight());
      assertThat(right(service.purgeClosed(Retention.keepForever()))).isZero();
      assertThat(right(service.purgeClosed(Retention.keepClosedFor(Duration.ofSeconds(Long.MAX_VALUE)))))
          .as("a retention longer than time keeps everything").isZero();
      assertThat(right(service.purgeClosed(Retention.keepForever().tenant(forever, Duration.ofDays(1))))).isEqualTo(2);
      store.failing = "purgeClosed";
      assertThat(left(service.purgeClosed(retention))).isInstanceOf(Problem.Unavailable.class);
      assertThat(left(service.purgeClosed(Retention.keepForever().tenant(forever, Duration.ofDays(1)))))
          .isInstanceOf(Problem.Unavailable.class);
    }
  }

  @Test
  void theRunnerSweepsCountsAndStops() throws Exception {
    try (Conversations service = service()) {
      closedIn(service, ACME, 2);
      clock.advance(Duration.ofDays(2));
      store.failing = "purgeClosed";
      try (RetentionRunner runner = service.startRetention(Retention.keepClosedFor(Duration.ofDays(1)), Duration.ofMillis(5))) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (runner.stats().unavailable() == 0 && System.nanoTime() < deadline) {
          Thread.sleep(5);
        }
        assertThat(runner.stats().lastProblem().get()).contains("purgeClosed failed");
        store.failing = "";
        while (runner.stats().deleted() < 2 && System.nanoTime() < deadline) {
          Thread.sleep(5);
        }
        assertThat(runner.stats().deleted()).as("the runner goes on after a failed sweep").isEqualTo(2);
        assertThat(runner.stats().sweeps()).isGreaterThanOrEqualTo(2);
      }
    }
    assertThatThrownBy(() -> Retention.keepClosedFor(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("more than zero");
    assertThatThrownBy(() -> Retention.keepForever().tenant(ACME, Duration.ofDays(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    try (Conversations service = service()) {
      assertThatThrownBy(() -> service.startRetention(Retention.keepForever(), Duration.ZERO))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("period");
    }
  }
}
