package dev.conversation.service;

import static dev.conversation.service.ServiceFixtures.ACME;
import static dev.conversation.service.ServiceFixtures.ALICE;
import static dev.conversation.service.ServiceFixtures.ALICE_BY;
import static dev.conversation.service.ServiceFixtures.GLOBEX;
import static dev.conversation.service.ServiceFixtures.T0;
import static dev.conversation.service.ServiceFixtures.allEvents;
import static dev.conversation.service.ServiceFixtures.customer;
import static dev.conversation.service.ServiceFixtures.left;
import static dev.conversation.service.ServiceFixtures.right;
import static dev.conversation.service.ServiceFixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.conversation.domain.Command;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Participant;
import dev.conversation.persistence.ConversationFilter;
import dev.conversation.persistence.ConversationQuery;
import io.vavr.control.Either;
import io.vavr.control.Option;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Another tenant's conversation is simply not there: every call answers NotFound and leaks nothing. */
class TenantIsolationTest {

  private final ManualClock clock = new ManualClock(T0);
  private final Conversations service = ServiceFixtures.deterministic(clock).build();

  @AfterEach
  void tearDown() {
    service.close();
  }

  private static void assertNotFound(Either<Problem, ?> result, ConversationId id) {
    assertThat(left(result)).isEqualTo(new Problem.NotFound(id));
  }

  @Test
  void everyCallOnAnotherTenantsConversationIsNotFoundAndChangesNeitherTenant() {
    Conversation acme = right(service.create(ACME, ServiceFixtures.webChat().customerName("Jane")
        .firstMessage(customer("secret")))).conversation();
    ServiceFixtures.Snapshot acmeBefore = snapshot(service, ACME);
    ConversationId id = acme.id();

    assertNotFound(service.get(GLOBEX, id), id);
    assertNotFound(service.getEnriched(GLOBEX, id), id);
    assertNotFound(service.history(GLOBEX, id, Option.none(), Option.none()), id);
    assertNotFound(service.send(GLOBEX, id, customer("let me in")), id);
    assertNotFound(service.send(GLOBEX, id, customer("secret").withIdempotencyKey("k")), id);
    assertNotFound(service.execute(GLOBEX, id, Command.HandOff.toAgent(Participant.system(), ALICE, "take it")), id);
    assertNotFound(service.execute(GLOBEX, id, new Command.Close(Participant.system())), id);
    assertNotFound(service.renameContact(GLOBEX, id, "Mallory", ALICE_BY), id);
    assertThat(left(service.get(GLOBEX, id)).code()).isEqualTo("not-found");

    assertThat(right(service.list(GLOBEX, ConversationQuery.request())).items()).isEmpty();
    assertThat(service.store().count(GLOBEX, ConversationFilter.all())).isZero();
    assertThat(allEvents(service, GLOBEX)).isEmpty();
    assertThat(right(service.tick(GLOBEX))).isEmpty();
    assertThat(snapshot(service, ACME)).as("the owner's data is untouched").isEqualTo(acmeBefore);
    assertThat(service.directory().contact(ACME, acme.contactId().get()).get().name()).contains("Jane");
  }

  @Test
  void twoTenantsListAndReadOnlyTheirOwnConversationsAndEvents() {
    Conversation a = right(service.create(ACME, ServiceFixtures.webChat().firstMessage(customer("from acme")))).conversation();
    Conversation g = right(service.create(GLOBEX, ServiceFixtures.webChat().firstMessage(customer("from globex")))).conversation();
    assertThat(right(service.list(ACME, ConversationQuery.request())).items()).containsExactly(a);
    assertThat(right(service.list(GLOBEX, ConversationQuery.request())).items()).containsExactly(g);
    assertThat(allEvents(service, ACME).map(e -> e.event().conversationId())).containsOnly(a.id());
    assertThat(allEvents(service, GLOBEX).map(e -> e.event().conversationId())).containsOnly(g.id());
  }
}
