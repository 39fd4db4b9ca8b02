package dev.conversation.spring.boot;

import dev.conversation.domain.TimerKind;
import dev.conversation.domain.Trigger;
import dev.conversation.service.Telemetry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.Locale;

/**
 * The library's {@link Telemetry} as Micrometer meters (see the README's table): changes by kind,
 * result and rule, their latency, optimistic retries, timers fired and SLA breaches. Tags are low
 * cardinality: kinds, results and rules, never tenant or conversation ids. Thread-safe.
 */
public final class MicrometerTelemetry implements Telemetry {

  /** Changes, by {@code kind}, {@code result} and {@code rule}. */
  public static final String CHANGES = "conversation.changes";
  /** How long changes took, by {@code kind} and {@code result}. */
  public static final String CHANGE_DURATION = "conversation.change.duration";
  /** Changes decided again after another process committed first, by {@code kind}. */
  public static final String RETRIES = "conversation.retries";
  /** Timers fired, by {@code kind}. */
  public static final String TIMERS_FIRED = "conversation.timers.fired";
  /** Reply targets missed, by {@code target} ({@code first-reply}, {@code next-reply}). */
  public static final String SLA_BREACHES = "conversation.sla.breaches";

  private final MeterRegistry registry;

  /** Creates the telemetry on a registry. */
  public MicrometerTelemetry(MeterRegistry registry) {
    this.registry = java.util.Objects.requireNonNull(registry, "registry");
  }

  @Override
  public void changed(Option<Trigger> trigger, Result result, Option<String> rule, Duration took) {
    record(trigger.map(t -> name(t.name())).getOrElse("unknown"), result, rule, took);
  }

  @Override
  public void created(Result result, Option<String> rule, Duration took) {
    record("start", result, rule, took);
  }

  private void record(String kind, Result result, Option<String> rule, Duration took) {
    String outcome = name(result.name());
    Counter.builder(CHANGES).description("Changes of conversations, by kind and how they ended")
        .tag("kind", kind).tag("result", outcome).tag("rule", rule.getOrElse("none"))
        .register(registry).increment();
    Timer.builder(CHANGE_DURATION).description("How long a change took, retries included")
        .tag("kind", kind).tag("result", outcome).register(registry).record(took);
  }

  @Override
  public void retried(Option<Trigger> trigger) {
    Counter.builder(RETRIES).description("Changes decided again because another process committed first")
        .tag("kind", kind(trigger)).register(registry).increment();
  }

  @Override
  public void timerFired(TimerKind kind) {
    Counter.builder(TIMERS_FIRED).description("Timers fired, by kind").tag("kind", name(kind.name()))
        .register(registry).increment();
    if (kind == TimerKind.FIRST_REPLY || kind == TimerKind.NEXT_REPLY) {
      Counter.builder(SLA_BREACHES).description("Reply targets missed").tag("target", name(kind.name()))
          .register(registry).increment();
    }
  }

  private static String kind(Option<Trigger> trigger) {
    return trigger.map(t -> name(t.name())).getOrElse("unknown");
  }

  private static String name(String constant) {
    return constant.toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
