package dev.conversation.persistence.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conversation.domain.AccountId;
import dev.conversation.domain.Actor;
import dev.conversation.domain.Assignee;
import dev.conversation.domain.AttentionId;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.DomainEvent;
import dev.conversation.domain.HumanAgent;
import dev.conversation.domain.HumanAgentId;
import dev.conversation.domain.MessageId;
import dev.conversation.domain.Participant;
import dev.conversation.domain.Priority;
import dev.conversation.domain.ReadSide;
import dev.conversation.domain.Resolution;
import dev.conversation.domain.Status;
import dev.conversation.domain.Tag;
import dev.conversation.domain.TeamId;
import dev.conversation.domain.TenantId;
import io.vavr.collection.LinkedHashSet;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Stored events outlive class names: the rows the first release wrote (schema 1, kinds named by
 * record class) still read, event by event, and the current schema names each event by its
 * stable wire name and carries no class name.
 */
class StoredEventSchemaTest {

  private static final Instant AT = Instant.parse("2026-11-02T10:15:30.123456Z");
  private static final HumanAgent ANA = HumanAgent.of(HumanAgentId.of("ana"), "Ana Lima");

  /** The file was written by the schema-1 codec (commit acd9e77) for one event of every kind, versions 1 to 15. */
  @Test
  void everyKindOfEventStoredUnderSchemaOneStillReads() throws IOException {
    List<String> rows = golden("golden/events-schema-1.jsonl");
    List<DomainEvent.Change> expected = List.of(
        new DomainEvent.Started(Status.NEW, Option.none()),
        new DomainEvent.Started(Status.NEW, Option.some(ConversationId.of("conv-0"))),
        new DomainEvent.MessageAppended(MessageId.of("m-1"), Actor.CUSTOMER, Option.none()),
        new DomainEvent.StatusChanged(Status.ACTIVE, Status.WAITING),
        new DomainEvent.HandedOff(new Assignee(Option.some(ANA), Option.some(TeamId.of("billing"))), "needs a refund"),
        new DomainEvent.ReturnedToAi(),
        new DomainEvent.Resolved(new Resolution("refunded", Participant.human(ANA), AT)),
        new DomainEvent.Reopened(),
        new DomainEvent.Closed(),
        new DomainEvent.Snoozed(Instant.parse("2026-11-03T09:00:00Z")),
        new DomainEvent.Woke(),
        new DomainEvent.AttentionRaised(new dev.conversation.domain.AttentionItem(
            AttentionId.of("a-1"), "vip", "Call back today", Actor.AI_AGENT, AT, Option.none())),
        new DomainEvent.AttentionCleared(AttentionId.of("a-1")),
        DomainEvent.MetadataChanged.namesOnly(LinkedHashSet.of("tags", "priority", "contactId")),
        new DomainEvent.MarkedRead(ReadSide.AGENTS, AT));
    assertThat(rows).hasSize(expected.size());
    assertThat(expected.map(DomainEvent.Change::type).distinct())
        .as("every kind schema 1 knew (notes, deliveries and erasures came later)")
        .hasSize(DomainEvent.Type.values().length - 3)
        .doesNotContain(DomainEvent.Type.NOTE_ADDED, DomainEvent.Type.DELIVERY_CHANGED, DomainEvent.Type.ERASED);
    for (int i = 0; i < rows.size(); i++) {
      DomainEvent read = Codec.event(rows.get(i));
      assertThat(read.conversationId()).isEqualTo(ConversationId.of("conv-1"));
      assertThat(read.tenantId()).isEqualTo(TenantId.of("acme"));
      assertThat(read.version()).isEqualTo(i + 1);
      assertThat(read.at()).isEqualTo(AT);
      assertThat(read.change()).as("row %d", i + 1).isEqualTo(expected.get(i));
    }
  }

  @Test
  void theCurrentSchemaStoresTheStableNameAndTheNewValuesAndNoClassName() {
    DomainEvent.MetadataChanged change = new DomainEvent.MetadataChanged(LinkedHashSet.of("tags", "priority", "accountId"),
        Option.none(), Option.none(), Option.some(LinkedHashSet.of(Tag.of("vip"))), Option.some(Priority.HIGH),
        Option.none(), Option.none(), Option.none(), Option.some(AccountId.of("acc-1")));
    DomainEvent event = new DomainEvent(ConversationId.of("conv-1"), TenantId.of("acme"), 7, AT, Participant.human(ANA), change);
    String stored = Codec.event(event);
    assertThat(stored).startsWith("{\"schema\":" + DomainEvent.SCHEMA + ",\"type\":\"conversation.metadata-changed\"");
    assertThat(stored).doesNotContain("MetadataChanged").doesNotContain("\"kind\"");
    assertThat(Codec.event(stored)).isEqualTo(event);

    DomainEvent handedOff = new DomainEvent(ConversationId.of("conv-1"), TenantId.of("acme"), 8, AT, Participant.system(),
        new DomainEvent.HandedOff(Assignee.team(TeamId.of("billing")), "VIP"));
    assertThat(Codec.event(handedOff)).contains("\"type\":\"conversation.handed-off\"").doesNotContain("HandedOff");

    DomainEvent note = new DomainEvent(ConversationId.of("conv-1"), TenantId.of("acme"), 9, AT, Participant.ai(),
        new DomainEvent.NoteAdded(MessageId.of("n-1"), Actor.AI_AGENT, "Customer sounds upset"));
    String storedNote = Codec.event(note);
    assertThat(storedNote).contains("\"type\":\"conversation.note-added\"").contains("\"preview\":\"Customer sounds upset\"");
    assertThat(Codec.event(storedNote)).isEqualTo(note);
  }

  @Test
  void anEventOfAnUnknownTypeFailsNamingTheType() {
    String stored = "{\"schema\":2,\"type\":\"conversation.teleported\",\"conversationId\":\"c\",\"tenantId\":\"t\","
        + "\"version\":1,\"at\":\"2026-11-02T10:15:30Z\",\"by\":{\"actor\":\"SYSTEM\"},\"data\":{}}";
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Codec.event(stored))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("conversation.teleported");
  }

  private static List<String> golden(String name) throws IOException {
    try (InputStream in = StoredEventSchemaTest.class.getResourceAsStream(name)) {
      assertThat(in).as("resource %s", name).isNotNull();
      return List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")).filter(l -> !l.isBlank());
    }
  }
}
