package dev.conversation.wire.klaviyo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Command;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Participant;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.WorkspaceId;
import dev.conversation.service.Conversations;
import dev.conversation.service.NewConversation;
import dev.conversation.service.NewMessage;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link KlaviyoApi}, the package's host flow, end to end over the real service and in-memory
 * store: key, revision, fields and id checked in that order, conversation read in the key's
 * tenant, every message collected page by page, document or error rendered.
 */
class HostFlowTest {

  private static final TenantId ACCOUNT = TenantId.of("klaviyo-account-1");
  private static final KlaviyoConversationResource KLAVIYO = KlaviyoConversationResource.at("https://a.klaviyo.com");
  private static final String FIELDS = KlaviyoFields.PARAMETER;

  private final SteppingClock clock = new SteppingClock(Fixtures.T0);
  private final Deque<String> ids = new ArrayDeque<>(java.util.List.of("conv_abc123", "msg_001", "msg_002"));
  private final Conversations service = Conversations.builder().clock(clock).ids(ids::removeFirst).build();

  private final KlaviyoApi api = KlaviyoApi.over(service, KLAVIYO,
          key -> key.value().equals("pk_test") ? Option.some(ACCOUNT) : Option.none())
      .withErrorIds(() -> "err-1");

  @AfterEach
  void close() {
    service.close();
  }

  private KlaviyoResponse retrieve(String id, Option<String> authorization, Option<String> revision, Option<String> fields) {
    return api.retrieve(authorization, revision, fields, id);
  }

  private void playTheSeedsExample() {
    service.create(ACCOUNT, NewConversation.on(WorkspaceId.of("ws-1"), Channel.of(ChannelType.WEB_CHAT))
        .firstMessage(NewMessage.of(Participant.customer(), "Where is my order?"))).get();
    clock.set(Fixtures.T0.plus(Duration.ofMinutes(2)));
    service.send(ACCOUNT, ConversationId.of("conv_abc123"), NewMessage.of(Participant.ai(), "It ships today.")).get();
    clock.set(Fixtures.T0.plus(Duration.ofMinutes(5)));
    service.execute(ACCOUNT, ConversationId.of("conv_abc123"), new Command.Resolve(Participant.ai(), "Answered")).get();
  }

  @Test
  void aGoodRequestGetsTheGoldenDocumentAndEveryClientFaultItsError() {
    playTheSeedsExample();
    Option<String> key = Option.some("Klaviyo-API-Key pk_test");
    Option<String> seed = Option.some("2026-04-15.pre");

    KlaviyoResponse ok = retrieve("conv_abc123", key, seed, Option.none());
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.json()).isEqualTo(Fixtures.json("golden/conv_abc123-resolved-by-ai.json"));

    KlaviyoResponse sparse = retrieve("conv_abc123", key, seed, Option.some("status"));
    assertThat(sparse.json().at("/data/attributes")).hasSize(1);

    List<KlaviyoResponse> faults = List.of(
        retrieve("conv_abc123", Option.none(), seed, Option.none()),
        retrieve("conv_abc123", Option.some("Klaviyo-API-Key pk_other"), seed, Option.none()),
        retrieve("conv_abc123", key, Option.none(), Option.none()),
        retrieve("conv_abc123", key, Option.some("2026-02-30.pre"), Option.none()),
        retrieve("conv_abc123", key, seed, Option.some("status,subject")),
        retrieve(" ", key, seed, Option.none()),
        retrieve("conv_missing", key, seed, Option.none()),
        retrieve("conv_missing", Option.none(), Option.none(), Option.some("subject")));
    assertThat(faults.map(KlaviyoResponse::status)).containsExactly(401, 401, 400, 400, 400, 400, 404, 401);
    assertThat(faults.map(r -> r.json().at("/errors/0/code").asText())).containsExactly(
        "not_authenticated", "not_authenticated", "invalid", "invalid", "invalid", "invalid", "not_found", "not_authenticated");
    assertThat(faults.map(r -> r.json().at("/errors/0/source/parameter").asText()))
        .containsExactly("", "", "revision", "revision", FIELDS, "id", "", "");
    assertThat(faults.map(r -> r.json().at("/errors/0/id").asText())).containsOnly("err-1");
    for (KlaviyoResponse fault : faults) {
      assertThat(SeedSchemas.violations(SeedSchemas.clientError(), fault.json())).as("%s", fault.json()).isEmpty();
      assertThat(Fixtures.parse(fault.body())).isEqualTo(fault.json());
    }
  }

  @Test
  void aLongThreadShowsItsLast200MessagesAndAnotherAccountsKeySeesNothing() {
    service.create(ACCOUNT, NewConversation.on(WorkspaceId.of("ws-1"), Channel.of(ChannelType.WEB_CHAT))
        .firstMessage(NewMessage.of(Participant.customer(), "Where is my order?"))).get();
    ConversationId id = ConversationId.of("conv_abc123");
    service.send(ACCOUNT, id, NewMessage.of(Participant.ai(), "Let me look.")).get();
    java.util.List<String> more = new java.util.ArrayList<>();
    for (int i = 0; i < 240; i++) {
      more.add("msg_" + (100 + i));
    }
    ids.addAll(more);
    for (int i = 0; i < 240; i++) {
      service.send(ACCOUNT, id, NewMessage.of(i % 2 == 0 ? Participant.customer() : Participant.ai(), "turn " + i)).get();
    }
    KlaviyoResponse ok = api.retrieve(Option.some("Klaviyo-API-Key pk_test"), Option.some("2026-04-15.pre"), Option.none(), "conv_abc123");
    assertThat(ok.status()).isEqualTo(200);
    com.fasterxml.jackson.databind.JsonNode data = ok.json().at("/data/relationships/customer-agent-messages/data");
    assertThat(data).as("an answer is bounded: the thread's last 200 of 242").hasSize(200);
    assertThat(data.get(0).get("id").asText()).isEqualTo("msg_140");
    assertThat(data.get(199).get("id").asText()).isEqualTo("msg_339");

    KlaviyoApi other = KlaviyoApi.over(service, KLAVIYO, key -> Option.some(TenantId.of("klaviyo-account-2")));
    KlaviyoResponse theirs = other.retrieve(Option.some("Klaviyo-API-Key pk_2"), Option.some("2026-04-15.pre"), Option.none(), "conv_abc123");
    assertThat(theirs.status()).isEqualTo(404);
    assertThat(theirs.json().at("/errors/0/id").asText()).as("a fresh UUID per error")
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    assertThat(theirs.json().toString()).doesNotContain("turn 1");
  }

  /** A clock the test moves; the service reads it. */
  static final class SteppingClock extends Clock {
    private volatile Instant now;

    SteppingClock(Instant start) {
      this.now = start;
    }

    void set(Instant value) {
      now = value;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
