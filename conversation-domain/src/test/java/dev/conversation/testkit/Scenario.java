package dev.conversation.testkit;

import dev.conversation.domain.Command;
import dev.conversation.domain.Conversation;
import dev.conversation.domain.Decision;
import dev.conversation.domain.DeliveryStatus;
import dev.conversation.domain.Lifecycle;
import dev.conversation.domain.Message;
import dev.conversation.domain.Participant;
import dev.conversation.domain.Rejection;
import dev.conversation.domain.StartConversation;
import dev.conversation.domain.TimerPolicy;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Objects;

/**
 * A generated life of one conversation: how it starts, then a timed sequence of commands and
 * timer ticks. {@link #play()} runs it through {@link Lifecycle} and records every outcome.
 *
 * @param start the start request
 * @param startedAt when it starts
 * @param policy the timer policy ticks use
 * @param steps what happens next, in order (times may step back, as real clocks do)
 */
public record Scenario(StartConversation start, Instant startedAt, TimerPolicy policy, Seq<Step> steps) {

  /** Creates the scenario. */
  public Scenario {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(steps, "steps");
  }

  /** One thing that happens at a time: a command, or a timer tick. */
  public sealed interface Step {
    /** Returns when it happens. */
    Instant at();
  }

  /**
   * A command decided at a time.
   *
   * @param at when
   * @param command what
   */
  public record Do(Instant at, Command command) implements Step {}

  /**
   * The timers are applied at a time.
   *
   * @param at when
   */
  public record Tick(Instant at) implements Step {}

  /**
   * A channel receipt for one of the messages stored so far, decided at a time as a
   * {@link Command.RecordDelivery} on the message as it is then. {@code pick} chooses among the
   * outbound messages (modulo their number); with none it names the first message stored (a
   * receipt for a message that is not outbound, refused), and with no message at all the step
   * changes nothing.
   *
   * @param at when
   * @param pick which message
   * @param status the status reported
   * @param providerMessageId the provider id the receipt binds, if any, before the message's
   *     address (so each message has its own: {@code SM2} binds {@code SM2-<conversation>/<message>})
   * @param failureReason the reason reported, if any
   */
  public record Receipt(Instant at, int pick, DeliveryStatus status, Option<String> providerMessageId,
      Option<String> failureReason) implements Step {

    /** Returns the command this receipt is for the messages stored so far, or none without messages. */
    public Option<Command.RecordDelivery> command(Seq<Message> stored) {
      Seq<Message> outbound = stored.filter(Message::isOutbound);
      Seq<Message> candidates = outbound.isEmpty() ? stored.take(1) : outbound;
      if (candidates.isEmpty()) {
        return Option.none();
      }
      Message m = candidates.get(Math.floorMod(pick, candidates.size()));
      return Option.some(new Command.RecordDelivery(Participant.system(), m, status,
          providerMessageId.map(p -> p + "-" + m.conversationId().value() + "/" + m.id().value()), failureReason));
    }
  }

  /**
   * What one step did.
   *
   * @param step the step
   * @param before the conversation before it
   * @param result the rejection, or the decision (a tick with nothing due is an unchanged decision)
   */
  public record Outcome(Step step, Conversation before, Either<Rejection, Decision> result) {

    /** Returns the conversation after the step. */
    public Conversation after() {
      return result.map(Decision::conversation).getOrElse(before);
    }

    /** Returns whether the step was accepted and changed something. */
    public boolean changed() {
      return result.exists(Decision::changed);
    }
  }

  /**
   * A played scenario.
   *
   * @param started the decision that started the conversation
   * @param outcomes what every step did, in order
   * @param messages every message stored, in order, as it is at the end (receipts move the
   *     delivery status of outbound ones)
   */
  public record Trace(Decision started, Seq<Outcome> outcomes, Seq<Message> messages) {

    /** Returns the conversation at the end. */
    public Conversation last() {
      return outcomes.lastOption().map(Outcome::after).getOrElse(started.conversation());
    }

    /** Returns every state the conversation was in, the start included. */
    public Seq<Conversation> states() {
      return outcomes.map(Outcome::after).prepend(started.conversation());
    }
  }

  /**
   * Plays the scenario through the lifecycle.
   *
   * @throws IllegalStateException if the start request is rejected (generated starts are valid)
   */
  public Trace play() {
    Decision started = Lifecycle.start(start, startedAt)
        .getOrElseThrow(r -> new IllegalStateException("generated start rejected: " + r.message()));
    Conversation current = started.conversation();
    List<Outcome> outcomes = List.empty();
    List<Message> messages = List.ofAll(started.messages());
    for (Step step : steps) {
      Either<Rejection, Decision> result;
      if (step instanceof Do d) {
        result = Lifecycle.decide(current, d.command(), d.at());
      } else if (step instanceof Receipt r) {
        Conversation before = current;
        Option<Command.RecordDelivery> receipt = r.command(messages.reverse());
        result = receipt.isEmpty() ? Either.right(new Decision(before, List.empty(), List.empty()))
            : Lifecycle.decide(current, receipt.get(), r.at());
      } else {
        Conversation before = current;
        result = Either.right(Lifecycle.tick(current, policy, step.at())
            .getOrElse(() -> new Decision(before, List.empty(), List.empty())));
      }
      outcomes = outcomes.prepend(new Outcome(step, current, result));
      if (result.isRight() && result.get().changed()) {
        for (Message m : result.get().updated()) {
          messages = messages.replace(messages.find(old -> old.id().equals(m.id())).get(), m);
        }
        messages = messages.prependAll(result.get().messages().reverse());
        current = result.get().conversation();
      }
    }
    return new Trace(started, outcomes.reverse(), messages.reverse());
  }

  @Override
  public String toString() {
    return "Scenario[" + start.channel().type() + " at " + startedAt + ", " + policy + ", "
        + steps.size() + " steps:\n  " + steps.mkString("\n  ") + "]";
  }

}
