package dev.conversation.service;

import static dev.conversation.service.ServiceFixtures.ACME;
import static dev.conversation.service.ServiceFixtures.EMAIL;
import static dev.conversation.service.ServiceFixtures.SUPPORT;
import static dev.conversation.service.ServiceFixtures.T0;
import static dev.conversation.service.ServiceFixtures.right;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conversation.domain.Account;
import dev.conversation.domain.AccountId;
import dev.conversation.domain.Contact;
import dev.conversation.domain.ConversationId;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * {@code getEnriched} looks the contact and the account up at the same time, waits at most the
 * enrichment timeout, and never fails because of the directory.
 */
class EnrichmentTest {

  private static final AccountId ACCOUNT = AccountId.of("acct-1");

  private final ManualClock clock = new ManualClock(T0);
  private final ScriptedDirectory directory = new ScriptedDirectory();

  private ConversationId linkedConversation(Conversations service) {
    directory.save(ACME, new Account(ACCOUNT, "Acme Corp", Option.some("acme.example")));
    return right(service.create(ACME, NewConversation.on(SUPPORT, EMAIL)
        .customerAddress("jane@example.com").customerName("Jane").accountId(ACCOUNT))).conversation().id();
  }

  @Test
  void aConversationWhoseContactAndAccountAreFoundIsCompletelyEnriched() {
    try (Conversations service = ServiceFixtures.deterministic(clock).directory(directory).build()) {
      ConversationId id = linkedConversation(service);
      Enriched enriched = right(service.getEnriched(ACME, id));
      assertThat(enriched.complete()).isTrue();
      assertThat(enriched.problems()).isEmpty();
      assertThat(enriched.conversation()).isEqualTo(right(service.get(ACME, id)));
      assertThat(enriched.contact().flatMap(Contact::name)).contains("Jane");
      assertThat(enriched.account().map(Account::name)).contains("Acme Corp");
    }
  }

  @Test
  void aConversationWithNothingLinkedIsCompleteWithNeitherContactNorAccount() {
    try (Conversations service = ServiceFixtures.deterministic(clock).directory(directory).build()) {
      directory.contactLookup = (t, c) -> {
        throw new AssertionError("no lookup without a link");
      };
      ConversationId id = ServiceFixtures.started(service, ACME).id();
      Enriched enriched = right(service.getEnriched(ACME, id));
      assertThat(enriched.complete()).isTrue();
      assertThat(enriched.contact()).isEmpty();
      assertThat(enriched.account()).isEmpty();
    }
  }

  @Test
  void aFailingContactLookupStillAnswersWithTheAccountButNotComplete() {
    try (Conversations service = ServiceFixtures.deterministic(clock).directory(directory).build()) {
      ConversationId id = linkedConversation(service);
      directory.contactLookup = (t, c) -> {
        throw new IllegalStateException("CRM down");
      };
      Enriched enriched = right(service.getEnriched(ACME, id));
      assertThat(enriched.complete()).isFalse();
      assertThat(enriched.contact()).isEmpty();
      assertThat(enriched.account().map(Account::name)).contains("Acme Corp");
      assertThat(enriched.problems()).singleElement().asString()
          .startsWith("contact lookup failed").contains("CRM down");
    }
  }

  @Test
  void aSlowDirectoryIsAbandonedAfterTheTimeoutAndTheAnswerSaysSo() {
    try (Conversations service = ServiceFixtures.deterministic(clock).directory(directory)
        .enrichmentTimeout(Duration.ofMillis(200)).build()) {
      ConversationId id = linkedConversation(service);
      directory.contactLookup = (t, c) -> sleep(3_000, directory.delegate.contact(t, c));
      directory.accountLookup = (t, a) -> sleep(3_000, directory.delegate.account(t, a));
      long start = System.nanoTime();
      Enriched enriched = right(service.getEnriched(ACME, id));
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertThat(millis).as("waited about the timeout, shared by both lookups").isBetween(150L, 1_000L);
      assertThat(enriched.complete()).isFalse();
      assertThat(enriched.contact()).isEmpty();
      assertThat(enriched.account()).isEmpty();
      assertThat(enriched.problems()).hasSize(2)
          .anySatisfy(p -> assertThat(p).startsWith("contact lookup timed out"))
          .anySatisfy(p -> assertThat(p).startsWith("account lookup timed out"));
    }
  }

  @Test
  void theContactAndAccountLookupsRunAtTheSameTime() {
    CyclicBarrier bothRunning = new CyclicBarrier(2);
    try (Conversations service = ServiceFixtures.deterministic(clock).directory(directory).build()) {
      ConversationId id = linkedConversation(service);
      directory.contactLookup = (t, c) -> meet(bothRunning, directory.delegate.contact(t, c));
      directory.accountLookup = (t, a) -> meet(bothRunning, directory.delegate.account(t, a));
      Enriched enriched = right(service.getEnriched(ACME, id));
      assertThat(enriched.problems()).as("neither lookup waited for the other in vain").isEmpty();
      assertThat(enriched.complete()).isTrue();
      assertThat(enriched.contact()).isNotEmpty();
      assertThat(enriched.account()).isNotEmpty();
    }
  }

  private static <T> T sleep(long millis, T result) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return result;
  }

  /** Waits until the other lookup is running too; fails the lookup if it never comes. */
  private static <T> T meet(CyclicBarrier barrier, T result) {
    try {
      barrier.await(1, TimeUnit.SECONDS);
      return result;
    } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
      throw new IllegalStateException("the other lookup did not run at the same time", e);
    }
  }

  @Test
  void afterCloseEnrichmentIsIncompleteNotAnException() {
    Conversations service = ServiceFixtures.deterministic(clock).directory(directory).build();
    ConversationId id = linkedConversation(service);
    service.close();
    Enriched enriched = right(service.getEnriched(ACME, id));
    assertThat(enriched.complete()).isFalse();
    assertThat(enriched.problems()).anySatisfy(p -> assertThat(p).contains("contact lookup failed"));
  }
}
