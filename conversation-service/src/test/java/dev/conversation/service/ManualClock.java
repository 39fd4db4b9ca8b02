package dev.conversation.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that stands still until a test moves it. Thread-safe. */
final class ManualClock extends Clock {

  private volatile Instant now;

  ManualClock(Instant start) {
    this.now = start;
  }

  /** Moves the clock forward (or, with a negative amount, back). */
  void advance(Duration by) {
    now = now.plus(by);
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
    throw new UnsupportedOperationException("a manual clock is UTC only");
  }
}
