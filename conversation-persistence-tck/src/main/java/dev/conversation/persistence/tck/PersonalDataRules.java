package dev.conversation.persistence.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conversation.domain.ContactId;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.DomainEvent;
import dev.conversation.domain.Erasure;
import dev.conversation.domain.Message;
import dev.conversation.domain.Status;
import dev.conversation.domain.TenantId;
import dev.conversation.persistence.ConversationFilter;
import dev.conversation.persistence.ConversationQuery;
import dev.conversation.persistence.ConversationStore;
import dev.conversation.persistence.MessageQuery;
import dev.conversation.persistence.Redaction;
import dev.conversation.persistence.StoredEvent;
import dev.conversation.testkit.Scenario;
import io.vavr.collection.HashSet;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;
import io.vavr.control.Option;
import java.time.Instant;

/** The personal-data rules of {@link ConversationStoreTck}: erasure and retention. */
final class PersonalDataRules {

  private PersonalDataRules() {}

  /** Compares ids by code points, the order the SPI defines. */
  private static int codePoints(String a, String b) {
    return java.util.Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
  }

  /** Everything a store answers about a conversation, as text: what must not hold an erased string. */
  private static String everything(ConversationStore store, TenantId tenant, ConversationId id, Seq<StoredEvent> events) {
    StringBuilder out = new StringBuilder();
    out.append(store.find(tenant, id)).append('\n');
    for (Message m : Lives.allMessages(store, tenant, id)) {
      out.append(m).append('\n');
      out.append(store.findMessage(tenant, id, m.id())).append('\n');
      m.idempotencyKey().forEach(k -> out.append(store.findByIdempotencyKey(tenant, id, k)).append('\n'));
      m.delivery().flatMap(d -> d.providerMessageId())
          .forEach(p -> out.append(store.findByProviderMessageId(tenant, p)).append('\n'));
    }
    events.filter(e -> e.event().conversationId().equals(id)).forEach(e -> out.append(e).append('\n'));
    return out.toString();
  }

  /** The personal strings a conversation holds that are long enough to search for. */
  private static Set<String> personal(ConversationStore store, TenantId tenant, Conversation c) {
    Set<String> found = HashSet.empty();
    found = found.addAll(c.subject()).addAll(c.summary()).addAll(c.customerAddress().map(a -> a.value()));
    for (Message m : Lives.allMessages(store, tenant, c.id())) {
      found = found.add(m.content());
      for (dev.conversation.domain.Attachment a : m.attachments()) {
        found = found.add(a.name()).add(a.location()).addAll(a.caption());
      }
    }
    return found.filter(s -> s.length() >= 12);
  }

  static void anErasureLeavesNothingOfTheContactInAnyRead(ConversationStore store, Seq<Scenario> population, int k) {
    Populations.Populated p = Populations.populate(store, population);
    TenantId tenant = p.tenant();
    ContactId contact = ContactId.of("contact-" + k);
    Seq<Conversation> linked = p.conversations().filter(c -> c.contactId().contains(contact))
        .sorted((a, b) -> codePoints(a.id().value(), b.id().value()));
    Seq<Conversation> others = p.conversations().removeAll(linked);
    Seq<StoredEvent> eventsBefore = Lives.allEvents(store, tenant, 1000);
    // What others hold must stay, so a string they share is not one to look for.
    String kept = others.map(c -> everything(store, tenant, c.id(), eventsBefore)).mkString();
    Set<String> erased = linked.flatMap(c -> personal(store, tenant, c)).toSet().filter(s -> !kept.contains(s));

    Seq<ConversationId> listed = List.empty();
    Option<ConversationId> after = Option.none();
    while (true) {
      Seq<ConversationId> page = store.ofContact(tenant, contact, after, 3);
      listed = listed.appendAll(page);
      if (page.size() < 3) {
        break;
      }
      after = page.lastOption();
    }
    assertThat(listed).as("rule: ofContact lists the contact's conversations in id order, page by page")
        .containsExactlyElementsOf(linked.map(Conversation::id));

    for (Conversation c : linked) {
      Seq<Message> thread = Lives.allMessages(store, tenant, c.id());
      Redaction r = store.erase(tenant, c.id(), Lives.now()).get();
      assertThat(r.changed()).as("rule: a linked conversation holds personal data to erase").isTrue();
      assertThat(r.conversation().version()).as("rule: an erasure is the next version").isEqualTo(c.version() + 1);
      assertThat(r.erased().get().event().type()).isEqualTo(DomainEvent.Type.ERASED);
      assertThat(r.messages()).isEqualTo(thread.count(m -> !Erasure.message(m).equals(m)));
    }
    assertThat(store.ofContact(tenant, contact, Option.none(), 10)).as("rule: an erased conversation is unlinked").isEmpty();
    assertThat(Lives.listAll(store, tenant, ConversationQuery.first(ConversationFilter.all().withContact(contact))
        .withLimit(ConversationQuery.MAX_LIMIT))).as("rule: and not listed under its contact").isEmpty();

    Seq<StoredEvent> events = Lives.allEvents(store, tenant, 1000);
    Seq<Conversation> listing = Lives.listAll(store, tenant);
    for (Conversation c : linked) {
      Conversation now = store.find(tenant, c.id()).get();
      assertThat(Erasure.isErased(now)).as("rule: the erased header holds nothing to erase: %s", now).isTrue();
      assertThat(now.contactId()).isEmpty();
      assertThat(now.customerAddress()).isEqualTo(c.customerAddress().map(a -> Erasure.address(a.kind())));
      assertThat(List.of(now.status(), now.messageCount(), now.createdAt(), now.updatedAt()))
          .as("rule: the skeleton stays").isEqualTo(List.of(c.status(), c.messageCount(), c.createdAt(), c.updatedAt()));
      assertThat(listing.find(x -> x.id().equals(c.id()))).as("rule: listings show the erased header").contains(now);
      for (Message m : Lives.allMessages(store, tenant, c.id())) {
        assertThat(Erasure.message(m)).as("rule: an erased message holds nothing to erase").isEqualTo(m);
      }
      Seq<StoredEvent> own = events.filter(e -> e.event().conversationId().equals(c.id()));
      assertThat(own.map(e -> e.position())).as("rule: events keep their positions, one Erased event is added")
          .containsExactlyElementsOf(eventsBefore.filter(e -> e.event().conversationId().equals(c.id())).map(e -> e.position())
              .appendAll(own.lastOption().map(e -> e.position())));
      assertThat(own.last().event().type()).isEqualTo(DomainEvent.Type.ERASED);
      for (StoredEvent e : own) {
        assertThat(Erasure.event(e.event())).as("rule: an erased event holds nothing to erase").isEqualTo(e.event());
      }
      String read = everything(store, tenant, c.id(), events);
      for (String s : erased) {
        assertThat(read).as("rule: no read returns an erased string").doesNotContain(s);
      }
      Redaction again = store.erase(tenant, c.id(), Lives.now()).get();
      assertThat(again.changed()).as("rule: erasing again changes nothing").isFalse();
      assertThat(store.find(tenant, c.id()).get()).isEqualTo(now);
    }
    assertThat(Lives.allEvents(store, tenant, 1000)).as("rule: and appends no event").isEqualTo(events);
    for (Conversation c : others) {
      assertThat(store.find(tenant, c.id())).as("rule: other contacts' conversations are untouched").contains(c);
    }
    assertThat(events.filter(e -> others.exists(c -> c.id().equals(e.event().conversationId()))))
        .containsExactlyElementsOf(eventsBefore.filter(e -> others.exists(c -> c.id().equals(e.event().conversationId()))));
    assertThat(store.erase(tenant, ConversationId.of("missing"), Lives.now())).as("rule: a missing conversation").isEmpty();
  }

  static void retentionDeletesClosedConversationsPastTheCutoffAndNothingElse(ConversationStore store,
      Seq<Scenario> population, int percentile) {
    Populations.Populated p = Populations.populate(store, population);
    TenantId tenant = p.tenant();
    Seq<Instant> times = p.conversations().map(Conversation::updatedAt).sorted();
    Instant cutoff = times.get(Math.min(times.size() - 1, times.size() * percentile / 100)).plusNanos(1_000);
    Seq<Conversation> doomed = p.conversations().filter(c -> c.status() == Status.CLOSED && c.updatedAt().isBefore(cutoff));
    Seq<StoredEvent> eventsBefore = Lives.allEvents(store, tenant, 1000);

    long deleted = 0;
    while (true) {
      long n = store.purgeClosed(Option.some(tenant), HashSet.empty(), cutoff, 4);
      assertThat(n).as("rule: at most the limit").isBetween(0L, 4L);
      deleted += n;
      if (n == 0) {
        break;
      }
    }
    assertThat(deleted).as("rule: every closed conversation older than the cutoff is deleted").isEqualTo(doomed.size());
    assertThat(store.purgeClosed(Option.some(tenant), HashSet.of(tenant), Instant.MAX, 10))
        .as("rule: a tenant excepted is left alone").isZero();
    for (Conversation c : p.conversations()) {
      boolean gone = doomed.contains(c);
      assertThat(store.find(tenant, c.id()).isEmpty()).as("rule: %s %s last changed %s is %s", c.id(), c.status(),
          c.updatedAt(), gone ? "deleted" : "kept").isEqualTo(gone);
      if (gone) {
        assertThat(store.messages(tenant, c.id(), MessageQuery.first(10)).items()).as("rule: with its messages").isEmpty();
        assertThat(store.claimOf(tenant, c.id())).isEmpty();
      }
    }
    assertThat(Lives.allEvents(store, tenant, 1000)).as("rule: with its events; the others keep their positions")
        .containsExactlyElementsOf(eventsBefore.filter(e -> !doomed.exists(c -> c.id().equals(e.event().conversationId()))));
    assertThat(Lives.listAll(store, tenant).map(Conversation::id)).as("rule: and it is listed no more")
        .containsExactlyInAnyOrderElementsOf(p.conversations().removeAll(doomed).map(Conversation::id));
  }
}
