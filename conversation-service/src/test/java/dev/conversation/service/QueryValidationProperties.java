package dev.conversation.service;

import static dev.conversation.service.ServiceFixtures.ACME;
import static dev.conversation.service.ServiceFixtures.T0;
import static dev.conversation.service.ServiceFixtures.customer;
import static dev.conversation.service.ServiceFixtures.left;
import static dev.conversation.service.ServiceFixtures.right;
import static dev.conversation.service.ServiceFixtures.snapshot;
import static dev.conversation.service.ServiceFixtures.started;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Status;
import dev.conversation.domain.Violation;
import dev.conversation.persistence.ConversationQuery;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Out-of-range and unknown query parameters are always Invalid, name their rule, and change nothing. */
class QueryValidationProperties {

  private static Conversations service;
  private static ConversationId id;
  private static ServiceFixtures.Snapshot stored;

  @BeforeAll
  static void setUp() {
    service = ServiceFixtures.deterministic(new ManualClock(T0)).build();
    for (int i = 0; i < 3; i++) {
      id = started(service, ACME).id();
      right(service.send(ACME, id, customer("message " + i)));
    }
    stored = snapshot(service, ACME);
  }

  @AfterAll
  static void tearDown() {
    service.close();
  }

  private static Gen<Integer> limitsOutOfRange(int max) {
    return integers().between(Integer.MIN_VALUE, 0).mix(integers().between(max + 1, Integer.MAX_VALUE));
  }

  private static List<Object> fieldAndRule(Problem problem) {
    Violation v = ((Problem.Invalid) problem).violations().single();
    return List.of(v.field(), v.rule());
  }

  @Test
  void anyPageSizeOutsideOneToOneHundredIsInvalidForListingAndHistory() {
    qt().forAll(limitsOutOfRange(100)).checkAssert(limit -> {
      assertThat(fieldAndRule(left(service.list(ACME, ConversationQuery.request().limit(limit)))))
          .containsExactly("limit", "limit-out-of-range");
      assertThat(fieldAndRule(left(service.history(ACME, id, Option.some(limit), Option.none()))))
          .containsExactly("limit", "limit-out-of-range");
    });
    assertThat(snapshot(service, ACME)).isEqualTo(stored);
  }

  @Test
  void anyPageSizeFromOneToOneHundredIsAcceptedAndBoundsThePage() {
    qt().forAll(integers().between(1, 100)).checkAssert(limit -> {
      assertThat(right(service.list(ACME, ConversationQuery.request().limit(limit))).items().size()).isLessThanOrEqualTo(limit);
      assertThat(right(service.history(ACME, id, Option.some(limit), Option.none())).items()).hasSize(1);
    });
  }

  @Test
  void anyNegativeOffsetIsInvalid() {
    qt().forAll(integers().between(Integer.MIN_VALUE, -1)).checkAssert(offset ->
        assertThat(fieldAndRule(left(service.list(ACME, ConversationQuery.request().offset(offset)))))
            .containsExactly("offset", "offset-negative"));
  }

  @Test
  void anyWordThatIsNoStatusIsAnUnknownStatus() {
    qt().forAll(strings().basicLatinAlphabet().ofLengthBetween(0, 15))
        .assuming(w -> List.of(Status.values()).map(Enum::name)
            .find(n -> n.equals(w.trim().toUpperCase(Locale.ROOT).replace('-', '_'))).isEmpty())
        .checkAssert(word -> assertThat(fieldAndRule(left(service.list(ACME, ConversationQuery.request().statuses(word)))))
            .containsExactly("statuses", "unknown-status"));
    assertThat(snapshot(service, ACME)).isEqualTo(stored);
  }

  @Test
  void anyCursorThisLibraryDidNotIssueIsMalformed() {
    qt().forAll(strings().basicLatinAlphabet().ofLengthBetween(0, 40))
        .assuming(s -> !s.startsWith("c1.") && !s.startsWith("m1."))
        .checkAssert(cursor -> {
          assertThat(fieldAndRule(left(service.list(ACME, ConversationQuery.request().cursor(cursor)))))
              .containsExactly("cursor", "malformed-cursor");
          assertThat(fieldAndRule(left(service.history(ACME, id, Option.none(), Option.some(cursor)))))
              .containsExactly("cursor", "malformed-cursor");
        });
  }

  @Test
  void anyNegativeOutboxPositionOrBatchOutsideOneToOneThousandIsInvalidListingEachProblem() {
    qt().forAll(longs().between(Long.MIN_VALUE, -1), limitsOutOfRange(1000)).checkAssert((position, limit) -> {
      assertThat(fieldAndRule(left(service.events(ACME, position, 10)))).containsExactly("afterPosition", "position-negative");
      assertThat(fieldAndRule(left(service.events(ACME, 0, limit)))).containsExactly("limit", "limit-out-of-range");
      assertThat(((Problem.Invalid) left(service.events(ACME, position, limit))).violations())
          .extracting(Violation::field, Violation::rule)
          .containsExactly(tuple("afterPosition", "position-negative"), tuple("limit", "limit-out-of-range"));
    });
    assertThat(snapshot(service, ACME)).isEqualTo(stored);
  }
}
