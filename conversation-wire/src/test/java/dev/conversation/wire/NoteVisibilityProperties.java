package dev.conversation.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import com.fasterxml.jackson.databind.JsonNode;
import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Participant;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.WorkspaceId;
import dev.conversation.service.Conversations;
import dev.conversation.service.NewConversation;
import dev.conversation.service.NewMessage;
import dev.conversation.testkit.ConversationGenerators;
import dev.conversation.wire.agentclara.AgentClaraApi;
import dev.conversation.wire.agentclara.AgentClaraResponse;
import dev.conversation.wire.crm.CrmGetConversation;
import dev.conversation.wire.crm.CrmResponse;
import dev.conversation.wire.klaviyo.KlaviyoApi;
import dev.conversation.wire.klaviyo.KlaviyoConversationResource;
import dev.conversation.wire.klaviyo.KlaviyoResponse;
import dev.conversation.wire.livechatai.LiveChatAiApi;
import dev.conversation.wire.livechatai.LiveChatAiResponse;
import io.vavr.collection.List;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

/**
 * One visibility rule for every wire format: over generated threads that mix customer messages,
 * replies and internal notes (by the AI agent, a human and the system), no rendering of the
 * three customer-facing APIs (AgentClara, LiveChatAI, Klaviyo) contains a note's content, and each
 * still shows every other message; the CRM platform's staff read shows every note, marked
 * {@code "type": "note"}.
 */
class NoteVisibilityProperties {

  private static final TenantId TENANT = TenantId.of("acme");
  private static final WorkspaceId WORKSPACE = WorkspaceId.of("ws");

  /** A step of a thread: 0 a customer message, 1 an AI reply, 2-4 a note by the AI, a human, the system. */
  private record Step(int kind, String text) {}

  @Test
  void noCustomerFacingRenderingShowsANoteAndTheStaffReadShowsThemAll() {
    qt().withExamples(60).forAll(lists().of(integers().between(0, 4).zip(ConversationGenerators.texts(), Step::new))
        .ofSizeBetween(1, 12)).checkAssert(steps -> {
          try (Conversations service = Conversations.inMemory()) {
            ConversationId id = service.create(TENANT, NewConversation.on(WORKSPACE, Channel.of(ChannelType.WEB_CHAT))
                .firstMessage(NewMessage.of(Participant.customer(), "first question"))).get().conversation().id();
            List<String> notes = List.empty();
            List<String> shown = List.of("first question");
            List<String> noteIds = List.empty();
            List<String> shownIds = service.history(TENANT, id, Option.none(), Option.none()).get().items()
                .map(m -> m.id().value()).toList();
            int n = 0;
            for (Step step : steps) {
              if (step.kind() >= 2) {
                String marker = "zNOTEz" + n++ + "q " + step.text();
                Participant by = step.kind() == 2 ? Participant.ai()
                    : step.kind() == 3 ? Participant.human(dev.conversation.domain.HumanAgent.of(
                        dev.conversation.domain.HumanAgentId.of("jane"), "Jane")) : Participant.system();
                var added = service.note(TENANT, id, NewMessage.of(by, marker));
                if (added.isRight()) {
                  notes = notes.append("zNOTEz" + (n - 1) + "q");
                  noteIds = noteIds.append(added.get().messages().head().id().value());
                }
              } else {
                Participant by = step.kind() == 0 ? Participant.customer() : Participant.ai();
                String text = "msg" + n++ + "m " + step.text();
                var sent = service.send(TENANT, id, NewMessage.of(by, text));
                if (sent.isRight()) {
                  shown = shown.append("msg" + (n - 1) + "m");
                  shownIds = shownIds.append(sent.get().messages().head().id().value());
                }
              }
            }
            AgentClaraResponse clara = AgentClaraApi.over(service, WORKSPACE).get(TENANT, id.value());
            LiveChatAiResponse chat = LiveChatAiApi.over(service, token -> Option.some(TENANT)).get(TENANT, id.value());
            KlaviyoResponse klaviyo = KlaviyoApi.over(service, KlaviyoConversationResource.at("https://a.klaviyo.com"),
                key -> Option.some(TENANT)).retrieve(TENANT, Option.some("2026-04-15.pre"), Option.none(), id.value());
            CrmResponse crm = CrmGetConversation.over(service).handle(TENANT, id.value());
            assertThat(klaviyo.status()).isEqualTo(200);
            for (String noteId : noteIds) {
              assertThat(klaviyo.body()).as("rule: Klaviyo, meant for the customer, never links a note").doesNotContain(noteId);
            }
            for (String messageId : shownIds) {
              assertThat(klaviyo.body()).as("Klaviyo links every other message").contains(messageId);
            }
            for (String[] customerFacing : new String[][] {
                {"AgentClara", clara.status() + "", clara.body()},
                {"LiveChatAI", chat.status() + "", chat.body()}}) {
              assertThat(customerFacing[1]).as("%s answers", customerFacing[0]).isEqualTo("200");
              for (String note : notes) {
                assertThat(customerFacing[2]).as("rule: %s, meant for the customer, never shows a note", customerFacing[0])
                    .doesNotContain(note);
              }
              for (String message : shown) {
                assertThat(customerFacing[2]).as("%s shows every other message", customerFacing[0]).contains(message);
              }
            }
            assertThat(crm.status()).isEqualTo(200);
            String staff = crm.body().toString();
            for (String note : notes) {
              assertThat(staff).as("rule: the CRM platform's staff read shows every note").contains(note);
            }
            for (String message : shown) {
              assertThat(staff).contains(message);
            }
            List<JsonNode> noteNodes = List.ofAll(crm.body().findParents("content"))
                .filter(m -> m.get("content").asText().startsWith("zNOTEz"));
            assertThat(noteNodes.size()).isEqualTo(notes.size());
            assertThat(noteNodes).as("each marked as a note").allMatch(m -> m.get("type").asText().equals("note"));
          }
        });
  }
}
