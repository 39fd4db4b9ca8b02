package dev.conversation.persistence.jdbc;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock a test moves by setting {@link #now}; safe to read from other threads. */
final class MovableClock extends Clock {

  volatile Instant now;

  MovableClock(Instant start) {
    this.now = start;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return now;
  }
}
