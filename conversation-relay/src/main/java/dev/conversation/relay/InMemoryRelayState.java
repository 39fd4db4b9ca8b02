package dev.conversation.relay;

import dev.conversation.domain.TenantId;
import dev.conversation.persistence.StoredEvent;
import io.vavr.collection.List;
import io.vavr.collection.Seq;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** The relay state in memory: a checkpoint per key, a sorted map of parked events per key. */
final class InMemoryRelayState implements RelayState {

  private record Key(String relay, TenantId tenant) {}

  private final Map<Key, Long> checkpoints = new ConcurrentHashMap<>();
  private final Map<Key, ConcurrentSkipListMap<Long, Parked>> parked = new ConcurrentHashMap<>();
  private final java.util.Set<String> registered = ConcurrentHashMap.newKeySet();

  private static Key key(String relay, TenantId tenant) {
    return new Key(Objects.requireNonNull(relay, "relay"), Objects.requireNonNull(tenant, "tenant"));
  }

  @Override
  public long checkpoint(String relay, TenantId tenant) {
    return checkpoints.getOrDefault(key(relay, tenant), 0L);
  }

  @Override
  public void register(String relay) {
    registered.add(Objects.requireNonNull(relay, "relay"));
  }

  @Override
  public void forget(String relay) {
    Objects.requireNonNull(relay, "relay");
    registered.remove(relay);
    checkpoints.keySet().removeIf(k -> k.relay().equals(relay));
    parked.keySet().removeIf(k -> k.relay().equals(relay));
  }

  @Override
  public long lowestCheckpoint(TenantId tenant) {
    Objects.requireNonNull(tenant, "tenant");
    return registered.stream().mapToLong(relay -> checkpoint(relay, tenant)).min().orElse(0L);
  }

  @Override
  public void advance(String relay, TenantId tenant, long position) {
    checkpoints.merge(key(relay, tenant), position, Math::max);
  }

  @Override
  public void park(String relay, TenantId tenant, StoredEvent event, String reason, Instant at) {
    Objects.requireNonNull(event, "event");
    parked.computeIfAbsent(key(relay, tenant), k -> new ConcurrentSkipListMap<>())
        .putIfAbsent(event.position(), new Parked(tenant, event, reason, at));
  }

  @Override
  public Seq<Parked> parked(String relay, TenantId tenant) {
    ConcurrentSkipListMap<Long, Parked> of = parked.get(key(relay, tenant));
    return of == null ? List.empty() : List.ofAll(of.values());
  }

  @Override
  public boolean unpark(String relay, TenantId tenant, long position) {
    ConcurrentSkipListMap<Long, Parked> of = parked.get(key(relay, tenant));
    return of != null && of.remove(position) != null;
  }
}
