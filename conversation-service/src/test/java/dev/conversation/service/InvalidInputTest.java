package dev.conversation.service;

import static dev.conversation.service.ServiceFixtures.ACME;
import static dev.conversation.service.ServiceFixtures.ALICE;
import static dev.conversation.service.ServiceFixtures.T0;
import static dev.conversation.service.ServiceFixtures.ai;
import static dev.conversation.service.ServiceFixtures.allMessages;
import static dev.conversation.service.ServiceFixtures.customer;
import static dev.conversation.service.ServiceFixtures.left;
import static dev.conversation.service.ServiceFixtures.right;
import static dev.conversation.service.ServiceFixtures.snapshot;
import static dev.conversation.service.ServiceFixtures.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.conversation.domain.Command;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.Participant;
import dev.conversation.domain.Rejection;
import dev.conversation.domain.Status;
import dev.conversation.domain.Violation;
import dev.conversation.persistence.ConversationQuery;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad queries and bad commands come back as typed problems naming the field and rule, and leave
 * every conversation, message and event exactly as it was.
 */
class InvalidInputTest {

  private final ManualClock clock = new ManualClock(T0);
  private Conversations service;
  private Conversation conversation;

  @BeforeEach
  void setUp() {
    service = ServiceFixtures.deterministic(clock).build();
    conversation = started(service, ACME);
    clock.advance(Duration.ofMinutes(1));
    right(service.send(ACME, conversation.id(), customer("Hello?")));
    clock.advance(Duration.ofMinutes(1));
  }

  @AfterEach
  void tearDown() {
    service.close();
  }

  private void assertListingIsInvalid(ConversationQuery.Request request, String field, String rule) {
    ServiceFixtures.Snapshot before = snapshot(service, ACME);
    Problem problem = left(service.list(ACME, request));
    assertThat(problem).isInstanceOf(Problem.Invalid.class);
    assertThat(((Problem.Invalid) problem).violations()).extracting(Violation::field, Violation::rule)
        .containsExactly(tuple(field, rule));
    assertThat(problem.code()).isEqualTo("invalid");
    assertThat(snapshot(service, ACME)).isEqualTo(before);
  }

  @Test
  void listingWithLimitZeroOrAboveOneHundredIsInvalidAndChangesNothing() {
    assertListingIsInvalid(ConversationQuery.request().limit(0), "limit", "limit-out-of-range");
    assertListingIsInvalid(ConversationQuery.request().limit(101), "limit", "limit-out-of-range");
    assertThat(right(service.list(ACME, ConversationQuery.request().limit(100))).items()).hasSize(1);
    assertThat(right(service.list(ACME, ConversationQuery.request().limit(1))).items()).hasSize(1);
  }

  @Test
  void listingWithANegativeOffsetIsInvalidAndChangesNothing() {
    assertListingIsInvalid(ConversationQuery.request().offset(-1), "offset", "offset-negative");
  }

  @Test
  void listingWithAMalformedCursorIsInvalidAndChangesNothing() {
    assertListingIsInvalid(ConversationQuery.request().cursor("not-a-cursor"), "cursor", "malformed-cursor");
    assertListingIsInvalid(ConversationQuery.request().cursor("c1.!!!"), "cursor", "malformed-cursor");
  }

  @Test
  void listingWithAnUnknownStatusWordIsInvalidAndChangesNothing() {
    assertListingIsInvalid(ConversationQuery.request().statuses("pending"), "statuses", "unknown-status");
    assertThat(right(service.list(ACME, ConversationQuery.request().statuses("new"))).items()).hasSize(1);
  }

  @Test
  void everyProblemOfAListingRequestIsReportedAtOnce() {
    Problem problem = left(service.list(ACME,
        ConversationQuery.request().limit(0).offset(-3).statuses("pending").cursor("bogus")));
    assertThat(((Problem.Invalid) problem).violations()).extracting(Violation::rule)
        .contains("limit-out-of-range", "offset-negative", "offset-with-cursor", "unknown-status", "malformed-cursor");
  }

  /** Runs a command that must be refused, and checks nothing of the conversation changed. */
  private Problem refused(Function<Conversation, Either<Problem, Outcome>> call) {
    Conversation before = right(service.get(ACME, conversation.id()));
    ServiceFixtures.Snapshot stored = snapshot(service, ACME);
    int messages = allMessages(service, ACME, conversation.id(), 100).size();
    Problem problem = left(call.apply(before));
    assertThat(right(service.get(ACME, conversation.id()))).as("conversation unchanged").isEqualTo(before);
    assertThat(allMessages(service, ACME, conversation.id(), 100)).as("no message stored").hasSize(messages);
    assertThat(snapshot(service, ACME)).as("listing, count and outbox unchanged").isEqualTo(stored);
    return problem;
  }

  private static void assertInvalid(Problem problem, String field, String rule) {
    assertThat(problem).isInstanceOf(Problem.Invalid.class);
    assertThat(((Problem.Invalid) problem).violations()).extracting(Violation::field, Violation::rule)
        .contains(tuple(field, rule));
  }

  @Test
  void aBlankOrOversizedMessageIsInvalidAndStoresNothing() {
    assertInvalid(refused(c -> service.send(ACME, c.id(), customer("   "))), "content", "not-blank");
    assertInvalid(refused(c -> service.send(ACME, c.id(), customer("x".repeat(16_385)))), "content", "max-length");
  }

  @Test
  void anOversizedTagIsInvalidAndStoresNothing() {
    assertInvalid(refused(c -> service.execute(ACME, c.id(),
        Command.UpdateMetadata.by(Participant.ai()).addTags("ok", "t".repeat(51)))), "addTags[1]", "max-length");
  }

  @Test
  void aHandOffWithoutReasonOrAssigneeIsInvalidWithEveryProblemAndStoresNothing() {
    assertInvalid(refused(c -> service.execute(ACME, c.id(), Command.HandOff.toAgent(Participant.system(), ALICE, " "))),
        "reason", "not-blank");
    Problem both = refused(c -> service.execute(ACME, c.id(),
        new Command.HandOff(Participant.system(), Option.none(), Option.none(), "")));
    assertThat(((Problem.Invalid) both).violations()).extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("assignee", "required"), tuple("reason", "not-blank"));
  }

  @Test
  void snoozingANewConversationIsRejectedByItsRule() {
    Problem problem = refused(c -> service.execute(ACME, c.id(), new Command.Snooze(Participant.ai(), T0.plusSeconds(3600))));
    assertThat(problem).isInstanceOf(Problem.Rejected.class);
    assertThat(((Problem.Rejected) problem).rejection().rule()).isEqualTo("no-snooze-before-first-reply");
    assertThat(problem.code()).isEqualTo("rejected");
  }

  @Test
  void snoozingUntilATimeNotAfterNowIsInvalidAndStoresNothing() {
    right(service.send(ACME, conversation.id(), ai("How can I help?")));
    assertThat(right(service.get(ACME, conversation.id())).status()).isEqualTo(Status.WAITING);
    assertInvalid(refused(c -> service.execute(ACME, c.id(), new Command.Snooze(Participant.ai(), clock.instant().minusSeconds(1)))),
        "until", "in-future");
    assertInvalid(refused(c -> service.execute(ACME, c.id(), new Command.Snooze(Participant.ai(), clock.instant()))),
        "until", "in-future");
  }

  @Test
  void aCommandByAnActorWhoMayNotIssueItIsRejectedWithAStableRule() {
    Problem problem = refused(c -> service.execute(ACME, c.id(), new Command.Resolve(Participant.customer(), "done")));
    assertThat(problem).isInstanceOf(Problem.Rejected.class);
    assertThat(((Problem.Rejected) problem).rejection()).isInstanceOf(Rejection.ActorNotAllowed.class);
    assertThat(((Problem.Rejected) problem).rejection().rule()).isEqualTo("only-ai-agent-or-human-agent-or-system-may-resolve-in-new");
  }
}
