package dev.conversation.persistence.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.conversation.domain.Account;
import dev.conversation.domain.AccountId;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Citation;
import dev.conversation.domain.Contact;
import dev.conversation.domain.ContactId;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Decision;
import dev.conversation.domain.DomainEvent;
import dev.conversation.domain.EmailAddress;
import dev.conversation.domain.Handle;
import dev.conversation.domain.Message;
import dev.conversation.domain.MessageId;
import dev.conversation.domain.MessageType;
import dev.conversation.domain.Participant;
import dev.conversation.domain.PhoneNumber;
import dev.conversation.domain.SourceType;
import dev.conversation.domain.Tag;
import dev.conversation.testkit.ConversationGenerators;
import dev.conversation.testkit.Scenario;
import io.vavr.collection.HashMap;
import io.vavr.collection.LinkedHashSet;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;
import io.vavr.control.Option;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * The stored form: every value the domain produces survives {@link Codec} exactly (equal after a
 * round trip), the JSON text is pure ASCII whatever the value holds, and instants finer than a
 * microsecond come back truncated to it.
 */
class CodecProperties {

  private static boolean ascii(String json) {
    return json.chars().allMatch(ch -> ch < 0x80);
  }

  @Test
  void everyStateMessageAndEventOfAPlayedScenarioRoundTripsExactlyAsAsciiJson() {
    qt().withExamples(150).forAll(ConversationGenerators.scenarios(40)).checkAssert(scenario -> {
      Scenario.Trace trace = scenario.play();
      Seq<Decision> decisions = trace.outcomes().filter(Scenario.Outcome::changed).map(o -> o.result().get())
          .prepend(trace.started());
      for (Conversation c : trace.states()) {
        String json = Codec.conversation(c);
        assertThat(Codec.conversation(json)).as("rule: a conversation round-trips through the codec exactly").isEqualTo(c);
        assertThat(ascii(json)).as("rule: the stored conversation text is ASCII: %s", json).isTrue();
      }
      for (Message m : trace.messages()) {
        String json = Codec.message(m);
        assertThat(Codec.message(json)).as("rule: a message round-trips through the codec exactly").isEqualTo(m);
        assertThat(ascii(json)).as("rule: the stored message text is ASCII: %s", json).isTrue();
      }
      for (DomainEvent e : decisions.flatMap(Decision::events)) {
        String json = Codec.event(e);
        assertThat(Codec.event(json)).as("rule: an event round-trips through the codec exactly").isEqualTo(e);
        assertThat(ascii(json)).as("rule: the stored event text is ASCII: %s", json).isTrue();
      }
    });
  }

  @Test
  void everyKindOfEventChangeHasAStoredForm() {
    java.util.Set<String> seen = new java.util.HashSet<>();
    qt().withExamples(300).forAll(ConversationGenerators.scenarios(50)).checkAssert(scenario -> {
      Scenario.Trace trace = scenario.play();
      trace.outcomes().filter(Scenario.Outcome::changed).map(o -> o.result().get()).prepend(trace.started())
          .flatMap(Decision::events)
          .forEach(e -> {
            assertThat(Codec.event(Codec.event(e))).as("rule: an event round-trips exactly").isEqualTo(e);
            seen.add(e.change().getClass().getSimpleName());
          });
    });
    // An erasure is no command a scenario plays: its event is checked here.
    DomainEvent erased = new DomainEvent(dev.conversation.domain.ConversationId.of("c"), dev.conversation.domain.TenantId.of("t"),
        2, java.time.Instant.parse("2026-03-01T00:00:00Z"), dev.conversation.domain.Participant.system(),
        new DomainEvent.Erased());
    assertThat(Codec.event(Codec.event(erased))).as("rule: an event round-trips exactly").isEqualTo(erased);
    seen.add(erased.change().getClass().getSimpleName());
    java.util.Set<String> kinds = new java.util.TreeSet<>();
    for (Class<?> k : DomainEvent.Change.class.getPermittedSubclasses()) {
      kinds.add(k.getSimpleName());
    }
    assertThat(new java.util.TreeSet<>(seen))
        .as("rule: the scenarios exercise every kind of event change, so each stored form is checked")
        .isEqualTo(kinds);
  }

  private static Gen<Contact> contacts() {
    Gen<Option<String>> names = Generate.oneOf(ConversationGenerators.texts(), Hostile.values())
        .map(n -> Hostile.text(n, 200)).toOptionals(70).map(Option::ofOptional);
    Gen<Option<EmailAddress>> emails = ConversationGenerators.emailAddresses().map(EmailAddress::new).toOptionals(60)
        .map(Option::ofOptional);
    Gen<Option<PhoneNumber>> phones = ConversationGenerators.phoneNumbers().map(PhoneNumber::new).toOptionals(60)
        .map(Option::ofOptional);
    Gen<Map<ChannelType, Handle>> handles = lists().of(Generate.pick(java.util.List.of(ChannelType.INSTAGRAM,
            ChannelType.FACEBOOK, ChannelType.SLACK)).zip(Generate.oneOf(ConversationGenerators.handles(),
            Hostile.values().map(Hostile::handle)), (type, handle) -> io.vavr.Tuple.of(type, new Handle(handle))))
        .ofSizeBetween(0, 4).map(entries -> HashMap.ofEntries(entries));
    Gen<Option<AccountId>> accounts = Generate.oneOf(ConversationGenerators.ids("acct-"), Hostile.values().map(Hostile::id))
        .map(AccountId::of).toOptionals(50).map(Option::ofOptional);
    Gen<ContactId> ids = Generate.oneOf(ConversationGenerators.ids("contact-"), Hostile.values().map(Hostile::id))
        .map(ContactId::of);
    return ids.zip(names, emails, phones, (id, name, email, phone) -> Contact.builder().id(id).name(name).email(email)
            .phone(phone))
        .zip(handles, accounts, (b, h, a) -> b.handles(h).accountId(a).build());
  }

  @Test
  void contactsRoundTripExactlyAsAsciiJson() {
    qt().withExamples(300).forAll(contacts()).checkAssert(contact -> {
      String json = Codec.contact(contact);
      assertThat(Codec.contact(json)).as("rule: a contact round-trips through the codec exactly").isEqualTo(contact);
      assertThat(ascii(json)).as("rule: the stored contact text is ASCII: %s", json).isTrue();
    });
  }

  @Test
  void accountsRoundTripExactlyAsAsciiJson() {
    Gen<Option<String>> domains = Generate.pick(java.util.List.of("example.com", "a.io", "xn--bcher-kva.example",
        "sub-1.sub-2.example.co.uk")).toOptionals(60).map(Option::ofOptional);
    Gen<Account> accounts = Generate.oneOf(ConversationGenerators.ids("acct-"), Hostile.values().map(Hostile::id))
        .zip(Generate.oneOf(ConversationGenerators.texts(), Hostile.values()).map(n -> Hostile.text(n, 200)), domains,
            (id, name, domain) -> new Account(AccountId.of(id), name, domain));
    qt().withExamples(300).forAll(accounts).checkAssert(account -> {
      String json = Codec.account(account);
      assertThat(Codec.account(json)).as("rule: an account round-trips through the codec exactly").isEqualTo(account);
      assertThat(ascii(json)).as("rule: the stored account text is ASCII: %s", json).isTrue();
    });
  }

  @Test
  void aContactWithEveryFieldAndOneWithNoneRoundTripExactly() {
    Contact full = Contact.builder()
        .id(ContactId.of("c-\uD83D\uDE00-'\""))
        .name(Option.some("Zoë \"Z\" O'Brien \u2028 \\ \uD835\uDD18"))
        .email(Option.some(new EmailAddress("o'brien+x@example.com")))
        .phone(Option.some(new PhoneNumber("+4915112345678")))
        .handles(HashMap.of(ChannelType.INSTAGRAM, new Handle("@zoë"), ChannelType.FACEBOOK, new Handle("zo\"e"),
            ChannelType.SLACK, new Handle("U123")))
        .accountId(Option.some(AccountId.of("acct-1")))
        .build();
    Contact bare = Contact.builder().id(ContactId.of("bare")).build();
    for (Contact c : List.of(full, bare)) {
      assertThat(Codec.contact(Codec.contact(c))).as("rule: a contact round-trips exactly").isEqualTo(c);
      assertThat(ascii(Codec.contact(c))).as("rule: the stored contact text is ASCII").isTrue();
    }
  }

  @Test
  void citationDistancesAtTheEdgesOfDoubleRoundTripExactly() {
    Seq<Double> distances = List.of(0.0, -0.0, Double.MIN_VALUE, Double.MIN_NORMAL, 1.0 / 3, 0.1 + 0.2, 1e-300,
        1e300, Double.MAX_VALUE, Math.nextUp(1.0), Math.nextDown(2.0));
    for (double d : distances) {
      Citation citation = new Citation(Option.some("src-'\""), SourceType.values()[0], Option.none(), d);
      Message m = Message.builder()
          .id(MessageId.of("m"))
          .conversationId(ConversationId.of("c"))
          .author(Participant.ai())
          .content("with a citation at " + d)
          .citations(List.of(citation))
          .createdAt(Instant.parse("2026-01-01T00:00:00Z"))
          .build();
      Message back = Codec.message(Codec.message(m));
      assertThat(back).as("rule: a citation distance of %s round-trips exactly", d).isEqualTo(m);
      assertThat(Double.doubleToRawLongBits(back.citations().head().distance()))
          .as("rule: the distance's bits survive (%s)", d)
          .isEqualTo(Double.doubleToRawLongBits(d));
    }
  }

  /** Instants from year 1 to year 9999, now and then at the edges, with any nanosecond. */
  private static Gen<Instant> anyInstants() {
    Gen<Long> seconds = Generate.frequency(java.util.List.of(
        Pair.of(6, longs().between(Instant.parse("0001-01-01T00:00:00Z").getEpochSecond(),
            Instant.parse("9999-12-31T23:59:59Z").getEpochSecond())),
        Pair.of(1, Generate.pick(java.util.List.of(0L, -1L, 1L, Instant.parse("0001-01-01T00:00:00Z").getEpochSecond(),
            Instant.parse("9999-12-31T23:59:59Z").getEpochSecond())))));
    Gen<Integer> nanos = Generate.frequency(java.util.List.of(
        Pair.of(3, integers().between(0, 999_999_999)),
        Pair.of(1, Generate.pick(java.util.List.of(0, 1, 999, 1_000, 999_999_999, 999_999_000, 500)))));
    return seconds.zip(nanos, Instant::ofEpochSecond);
  }

  @Test
  void instantsAreKeptToTheMicrosecondAndFinerPartsAreTruncated() {
    qt().withExamples(500).forAll(ConversationGenerators.conversations(), anyInstants(), anyInstants())
        .checkAssert((c, a, b) -> {
          Instant created = a.isBefore(b) ? a : b;
          Instant updated = a.isBefore(b) ? b : a;
          Conversation fine = Conversation.builder().from(c).createdAt(created).updatedAt(updated).build();
          Conversation expected = Conversation.builder().from(c)
              .createdAt(created.truncatedTo(ChronoUnit.MICROS)).updatedAt(updated.truncatedTo(ChronoUnit.MICROS)).build();
          assertThat(Codec.conversation(Codec.conversation(fine)))
              .as("rule: a conversation's instants come back truncated to the microsecond, nothing else changes")
              .isEqualTo(expected);
          assertThat(Codec.stored(updated)).as("rule: Codec.stored truncates to the microsecond")
              .isEqualTo(updated.truncatedTo(ChronoUnit.MICROS));
          assertThat(Codec.stored(updated)).as("rule: Codec.stored never moves an instant later")
              .isBeforeOrEqualTo(updated);

          Message m = Message.builder().id(MessageId.of("m")).conversationId(c.id()).author(Participant.customer())
              .content("x").type(MessageType.values()[0]).createdAt(updated).build();
          assertThat(Codec.message(Codec.message(m)).createdAt())
              .as("rule: a message's instant comes back truncated to the microsecond")
              .isEqualTo(updated.truncatedTo(ChronoUnit.MICROS));

          DomainEvent e = new DomainEvent(c.id(), c.tenantId(), 2, updated, Participant.system(),
              new DomainEvent.MarkedRead(dev.conversation.domain.ReadSide.AGENTS, created));
          DomainEvent back = Codec.event(Codec.event(e));
          assertThat(back).as("rule: an event's instants come back truncated to the microsecond")
              .isEqualTo(new DomainEvent(c.id(), c.tenantId(), 2, updated.truncatedTo(ChronoUnit.MICROS),
                  Participant.system(), new DomainEvent.MarkedRead(dev.conversation.domain.ReadSide.AGENTS,
                  created.truncatedTo(ChronoUnit.MICROS))));
        });
  }

  @Test
  void theTagsKeyIsEqualExactlyForEqualTagSetsWhateverTheTagsContain() {
    Gen<String> tags = Generate.oneOf(ConversationGenerators.tagNames(), Hostile.values().map(Hostile::tag),
        Generate.pick(java.util.List.of("a", "b", "a\",\"b", "[\"a\"]", ",", "\\", "\"")));
    Gen<java.util.List<String>> sets = lists().of(tags).ofSizeBetween(0, 5);
    qt().withExamples(500).forAll(sets, sets, booleans().all()).checkAssert((x, y, shuffle) -> {
      Set<Tag> a = LinkedHashSet.ofAll(x).map(Tag::of);
      Set<Tag> b = shuffle ? LinkedHashSet.ofAll(List.ofAll(x).reverse()).map(Tag::of) : LinkedHashSet.ofAll(y).map(Tag::of);
      assertThat(Codec.tagsKey(a).equals(Codec.tagsKey(b)))
          .as("rule: tagsKey(%s) equals tagsKey(%s) exactly when the sets are equal", a, b)
          .isEqualTo(a.map(Tag::value).toSet().equals(b.map(Tag::value).toSet()));
      assertThat(ascii(Codec.tagsKey(a))).as("rule: the tags key is ASCII").isTrue();
    });
  }

  @Test
  void aParticipantOfEveryActorRoundTripsInsideAMessage() {
    for (Participant p : List.of(Participant.customer(), Participant.ai(), Participant.system(),
        Participant.ai(dev.conversation.domain.AiAgentId.of("ai-'\"\u00E9")),
        Participant.human(new dev.conversation.domain.HumanAgent(dev.conversation.domain.HumanAgentId.of("h-\uD83D\uDE00"),
            "Ann \"A\" O'Neil", Option.some(new EmailAddress("ann@example.com")), Option.some("https://x/\u00E9.png"))))) {
      Message m = Message.builder().id(MessageId.of("m-" + p.actor())).conversationId(ConversationId.of("c"))
          .author(p).content("hello from " + p.actor()).createdAt(Instant.parse("2026-01-01T00:00:00.123456Z"))
          .idempotencyKey(Option.some("k-" + p.actor() + "-\u2028")).build();
      assertThat(Codec.message(Codec.message(m))).as("rule: a message by %s round-trips exactly", p.actor()).isEqualTo(m);
    }
  }
}
