package dev.conversation.service;

import dev.conversation.domain.TenantId;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Map;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.Objects;

/**
 * How long closed conversations are kept: a default for every tenant, and tenants of their own
 * (kept longer, shorter, or forever). A conversation counts as closed since its last change
 * ({@code updatedAt}); an open one is never deleted. Immutable; start from {@link #keepClosedFor}
 * or {@link #keepForever}.
 */
public final class Retention {

  private final Option<Duration> fallback;
  private final Map<TenantId, Option<Duration>> tenants;

  private Retention(Option<Duration> fallback, Map<TenantId, Option<Duration>> tenants) {
    this.fallback = fallback;
    this.tenants = tenants;
  }

  /**
   * Deletes every tenant's closed conversations once they have been closed this long.
   *
   * @throws IllegalArgumentException if {@code duration} is not positive
   */
  public static Retention keepClosedFor(Duration duration) {
    return new Retention(Option.some(checked(duration)), LinkedHashMap.empty());
  }

  /** Keeps every tenant's closed conversations unless a tenant is given a retention of its own. */
  public static Retention keepForever() {
    return new Retention(Option.none(), LinkedHashMap.empty());
  }

  /**
   * Returns this retention with the tenant's closed conversations kept this long instead.
   *
   * @throws IllegalArgumentException if {@code duration} is not positive
   */
  public Retention tenant(TenantId tenant, Duration duration) {
    return new Retention(fallback, tenants.put(Objects.requireNonNull(tenant, "tenant"), Option.some(checked(duration))));
  }

  /** Returns this retention with the tenant's closed conversations kept forever. */
  public Retention tenantKeepsForever(TenantId tenant) {
    return new Retention(fallback, tenants.put(Objects.requireNonNull(tenant, "tenant"), Option.none()));
  }

  /** Returns how long the tenant's closed conversations are kept: none for forever. */
  public Option<Duration> of(TenantId tenant) {
    return tenants.get(Objects.requireNonNull(tenant, "tenant")).getOrElse(fallback);
  }

  /** The default, for tenants without a retention of their own. */
  Option<Duration> fallback() {
    return fallback;
  }

  /** The tenants with a retention of their own. */
  Map<TenantId, Option<Duration>> tenants() {
    return tenants;
  }

  private static Duration checked(Duration duration) {
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("a retention must be more than zero, was " + duration);
    }
    return duration;
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("Retention[default=").append(shown(fallback));
    tenants.forEach((tenant, keep) -> out.append(", ").append(tenant.value()).append('=').append(shown(keep)));
    return out.append(']').toString();
  }

  private static String shown(Option<Duration> keep) {
    return keep.map(Duration::toString).getOrElse("forever");
  }
}
