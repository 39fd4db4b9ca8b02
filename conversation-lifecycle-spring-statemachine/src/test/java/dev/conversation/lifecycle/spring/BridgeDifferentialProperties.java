package dev.conversation.lifecycle.spring;

import static dev.conversation.testkit.ConversationGenerators.scenarios;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import dev.conversation.domain.Command;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.Decision;
import dev.conversation.domain.Lifecycle;
import dev.conversation.domain.Rejection;
import dev.conversation.testkit.Scenario;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The bridge and the domain engine in lock-step: for random event sequences from random
 * reachable states, both accept and reject the same events and land in the same states.
 */
class BridgeDifferentialProperties {

  private final LifecycleBridge bridge = LifecycleBridge.create();

  @Test
  void theBridgeAndTheDomainAgreeOnEveryEvent() {
    qt().withExamples(500).forAll(scenarios()).checkAssert(scenario -> {
      for (Scenario.Outcome o : scenario.play().outcomes()) {
        Instant at = o.step().at();
        Option<Command> command = o.step() instanceof Scenario.Do d
            ? Option.some(d.command())
            : Lifecycle.due(o.before(), scenario.policy(), at);
        if (command.isEmpty()) {
          continue;
        }
        Either<Rejection, Decision> domain = Lifecycle.decide(o.before(), command.get(), at);
        Outcome spring = bridge.fire(o.before(), command.get(), at);
        Conversation expected = domain.map(Decision::conversation).getOrElse(o.before());
        assertThat(spring.domain()).isEqualTo(domain);
        assertThat(spring.verdict()).as("%s in %s", command.get().trigger(), o.before().status())
            .isEqualTo(domain.isRight() ? Outcome.Verdict.ACCEPTED : Outcome.Verdict.DENIED);
        assertThat(spring.state()).as("Spring's state after %s in %s", command.get().trigger(), o.before().status())
            .isEqualTo(expected.status());
        if (domain.isLeft()) {
          assertThat(spring.rule()).isEqualTo(domain.getLeft().rule());
        }
      }
    });
  }
}
