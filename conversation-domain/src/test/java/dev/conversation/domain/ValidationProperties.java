package dev.conversation.domain;

import static dev.conversation.testkit.ConversationGenerators.conversations;
import static dev.conversation.testkit.ConversationGenerators.emailAddresses;
import static dev.conversation.testkit.ConversationGenerators.handles;
import static dev.conversation.testkit.ConversationGenerators.invalidEmailAddresses;
import static dev.conversation.testkit.ConversationGenerators.invalidPhoneNumbers;
import static dev.conversation.testkit.ConversationGenerators.invalidTagNames;
import static dev.conversation.testkit.ConversationGenerators.phoneNumbers;
import static dev.conversation.testkit.ConversationGenerators.tagNames;

import dev.conversation.testkit.ConversationGenerators;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Try;
import io.vavr.control.Validation;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Bad input gets a typed error naming the field and the rule, every problem at once, and changes nothing. */
class ValidationProperties {

  @Test
  void validContactPointsParseAndKeepTheirText() {
    qt().forAll(phoneNumbers()).checkAssert(p -> assertThat(PhoneNumber.parse("phone", p).get().value()).isEqualTo(p));
    qt().forAll(emailAddresses()).checkAssert(e -> assertThat(EmailAddress.parse("email", e).get().value()).isEqualTo(e));
    qt().forAll(handles()).checkAssert(h -> assertThat(Handle.parse("handle", h).get().value()).isEqualTo(h));
    qt().forAll(tagNames()).checkAssert(t -> assertThat(Tag.parse("tag", t).get().value()).isEqualTo(t));
  }

  @Test
  void aConversationIdParsesExactlyWhenItCanBeBuiltAndNamesTheFieldAndRuleOtherwise() {
    Gen<String> raw = Generate.pick(java.util.List.of("", " ", "\t", "c-1", "c\u0000", "a\uD800", "\uDC00b", "ok\uD83D\uDE00"))
        .mix(ConversationGenerators.texts(), 50).mix(strings().allPossible().ofLengthBetween(0, 140), 50)
        .mix(strings().basicLatinAlphabet().ofLengthBetween(120, 135), 30);
    qt().forAll(raw).checkAssert(value -> {
      Validation<Violation, ConversationId> parsed = ConversationId.parse("id", value);
      Try<ConversationId> built = Try.of(() -> ConversationId.of(value));
      assertThat(parsed.isValid()).as("parse agrees with of for '%s'", value).isEqualTo(built.isSuccess());
      if (parsed.isValid()) {
        assertThat(parsed.get()).isEqualTo(built.get());
      } else {
        assertThat(parsed.getError().field()).isEqualTo("id");
        assertThat(parsed.getError().rule()).isIn("not-blank", "max-length", "malformed-text");
        assertThat(built.getCause()).isInstanceOf(IllegalArgumentException.class);
      }
    });
  }

  @Test
  void invalidContactPointsAreRejectedNamingTheField() {
    qt().forAll(invalidPhoneNumbers()).checkAssert(p -> assertThat(PhoneNumber.parse("customer_phone", p).getError())
        .returns("customer_phone", Violation::field).returns("e164", Violation::rule));
    qt().forAll(invalidEmailAddresses()).checkAssert(e -> assertThat(EmailAddress.parse("customer_email", e).getError())
        .returns("customer_email", Violation::field).returns("email", Violation::rule));
  }

  @Test
  void everyBadTagIsReportedAtOnceAndNothingChanges() {
    qt().withExamples(300).forAll(conversations().assuming(c -> c.status() != Status.CLOSED),
        lists().of(invalidTagNames()).ofSizeBetween(1, 5), lists().of(tagNames()).ofSizeBetween(0, 3))
        .checkAssert((c, bad, good) -> {
          java.util.List<String> tags = new java.util.ArrayList<>(good.stream().distinct().toList());
          int firstBad = tags.size();
          tags.addAll(bad);
          Command update = Command.UpdateMetadata.by(Participant.system()).addTags(tags.toArray(String[]::new));
          Either<Rejection, Decision> result = Lifecycle.decide(c, update, c.updatedAt());
          assertThat(result.getLeft()).isInstanceOf(Rejection.Invalid.class);
          List<Violation> violations = List.ofAll(((Rejection.Invalid) result.getLeft()).violations());
          for (int i = 0; i < bad.size(); i++) {
            String field = "addTags[" + (firstBad + i) + "]";
            assertThat(violations.map(Violation::field)).as("every bad tag is named").contains(field);
          }
        });
  }

  @Test
  void invalidInputNeverProducesADecision() {
    java.util.concurrent.atomic.AtomicInteger allowedCases = new java.util.concurrent.atomic.AtomicInteger();
    Instant now = ConversationGenerators.EPOCH_PLUS_DAY;
    qt().withExamples(300).forAll(conversations().assuming(c -> c.status() != Status.CLOSED),
        Generate.pick(java.util.List.of("", " ", "\n\t", "x".repeat(Limits.MAX_NOTE + 1))),
        integers().between(0, 4)).checkAssert((c, badText, which) -> {
          Instant at = c.updatedAt().isAfter(now) ? c.updatedAt() : now;
          Command command = switch (which) {
            case 0 -> new Command.Resolve(Participant.human(HumanAgent.of(HumanAgentId.of("h"), "H")), badText);
            case 1 -> Command.HandOff.toTeam(Participant.system(), TeamId.of("t"), badText);
            case 2 -> new Command.RaiseAttention(Participant.system(), AttentionId.of("new-item"), "kind", badText);
            case 3 -> new Command.Snooze(Participant.system(), at.minusSeconds(1));
            default -> Command.UpdateMetadata.by(Participant.system()).subject(badText.repeat(2)).summary(badText.repeat(10));
          };
          var cell = TransitionTable.standard().lookup(c.status(), command.trigger());
          if (cell.isLeft() || !cell.get().actorsFor(c.owner()).contains(command.by().actor())) {
            return; // the table refuses before input is read; TransitionTableProperties covers that
          }
          allowedCases.incrementAndGet();
          Either<Rejection, Decision> result = Lifecycle.decide(c, command, at);
          assertThat(result.getLeft()).as("%s with bad input in %s", command.trigger(), c.status())
              .isInstanceOfSatisfying(Rejection.Invalid.class, invalid -> assertThat(invalid.violations()).allSatisfy(v -> {
                assertThat(v.field()).isNotBlank();
                assertThat(v.rule()).isNotBlank();
                assertThat(v.message()).contains(v.field().replaceAll("\\[\\d+]", ""));
              }));
        });
    assertThat(allowedCases.get()).as("enough examples reach input validation").isGreaterThan(100);
  }

  @Test
  void startRejectsAMissingOrMalformedAddressForEveryChannelThatNeedsOne() {
    qt().forAll(Generate.enumValues(ChannelType.class).assuming(t -> t.requires().isDefined()),
        Generate.pick(java.util.List.of("", " ", "not an address", "jane doe@example.com"))).checkAssert((type, raw) -> {
          StartConversation missing = StartConversation.of(ConversationId.of("c"), TenantId.of("t"), WorkspaceId.of("w"), Channel.of(type));
          for (StartConversation request : List.of(missing, missing.customerAddress(raw))) {
            Either<Rejection, Decision> result = Lifecycle.start(request, ConversationGenerators.EPOCH);
            assertThat(result.getLeft()).isInstanceOfSatisfying(Rejection.Invalid.class, invalid ->
                assertThat(invalid.violations().map(Violation::field)).containsExactly("customerAddress"));
          }
        });
  }
}
