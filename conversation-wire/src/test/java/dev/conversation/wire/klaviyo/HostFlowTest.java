package dev.conversation.wire.klaviyo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.Command;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Message;
import dev.conversation.domain.Participant;
import dev.conversation.domain.TenantId;
import dev.conversation.domain.WorkspaceId;
import dev.conversation.persistence.Page;
import dev.conversation.service.Conversations;
import dev.conversation.service.NewConversation;
import dev.conversation.service.NewMessage;
import dev.conversation.service.Problem;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
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
 * The package's host flow (see package-info) end to end over the real service and in-memory
 * store: headers checked, conversation read, every message collected page by page, document or
 * error rendered.
 */
class HostFlowTest {

  private static final TenantId ACCOUNT = TenantId.of("klaviyo-account-1");
  private static final KlaviyoConversationResource KLAVIYO = KlaviyoConversationResource.at("https://a.klaviyo.com");
  private static final String FIELDS = KlaviyoFields.PARAMETER;

  private final SteppingClock clock = new SteppingClock(Fixtures.T0);
  private final Deque<String> ids = new ArrayDeque<>(java.util.List.of("conv_abc123", "msg_001", "msg_002"));
  private final Conversations service = Conversations.builder().clock(clock).ids(ids::removeFirst).build();

  /** A status and a JSON body, as a host's HTTP layer would send them. */
  record Response(int status, ObjectNode body) {}

  @AfterEach
  void close() {
    service.close();
  }

  private Response retrieve(String id, Option<String> authorization, Option<String> revision, Option<String> fields) {
    Either<KlaviyoProblem, KlaviyoFields> request = KlaviyoApiKey.fromHeader(authorization)
        .flatMap(key -> key.value().equals("pk_test") ? Either.right(key) : Either.left(new KlaviyoProblem.InvalidApiKey()))
        .flatMap(key -> KlaviyoRevision.fromHeader(revision))
        .flatMap(r -> KlaviyoFields.parse(fields));
    if (request.isLeft()) {
      return new Response(request.getLeft().status(), request.getLeft().error("err-1").document());
    }
    ConversationId conversationId = ConversationId.of(id);
    Either<Problem, Conversation> found = service.get(ACCOUNT, conversationId);
    if (found.isLeft()) {
      return found.getLeft() instanceof Problem.NotFound
          ? new Response(404, new KlaviyoProblem.NotFound(conversationId).error("err-1").document())
          : new Response(503, KlaviyoError.serverError("err-1").document());
    }
    return new Response(200, KLAVIYO.document(found.get(), everyMessageOf(conversationId), request.get()));
  }

  /** The service pages history (at most 100 a page); the relationship needs every message. */
  private Seq<Message> everyMessageOf(ConversationId id) {
    Seq<Message> all = List.empty();
    Option<String> cursor = Option.none();
    do {
      Page<Message> page = service.history(ACCOUNT, id, Option.some(1), cursor).get();
      all = all.appendAll(page.items());
      cursor = page.next();
    } while (cursor.isDefined());
    return all;
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

    Response ok = retrieve("conv_abc123", key, seed, Option.none());
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.body()).isEqualTo(Fixtures.json("golden/conv_abc123-resolved-by-ai.json"));

    Response sparse = retrieve("conv_abc123", key, seed, Option.some("status"));
    assertThat(sparse.body().at("/data/attributes")).hasSize(1);

    List<Response> faults = List.of(
        retrieve("conv_abc123", Option.none(), seed, Option.none()),
        retrieve("conv_abc123", Option.some("Klaviyo-API-Key pk_other"), seed, Option.none()),
        retrieve("conv_abc123", key, Option.none(), Option.none()),
        retrieve("conv_abc123", key, Option.some("2026-02-30.pre"), Option.none()),
        retrieve("conv_abc123", key, seed, Option.some("status,subject")),
        retrieve("conv_missing", key, seed, Option.none()));
    assertThat(faults.map(Response::status)).containsExactly(401, 401, 400, 400, 400, 404);
    assertThat(faults.map(r -> r.body().at("/errors/0/code").asText()))
        .containsExactly("not_authenticated", "not_authenticated", "invalid", "invalid", "invalid", "not_found");
    assertThat(faults.map(r -> r.body().at("/errors/0/source/parameter").asText()))
        .containsExactly("", "", "revision", "revision", FIELDS, "");
    for (Response fault : faults) {
      assertThat(SeedSchemas.violations(SeedSchemas.clientError(), fault.body())).as("%s", fault.body()).isEmpty();
    }
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
