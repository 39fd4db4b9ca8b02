package dev.conversation.examples.host;

import dev.conversation.domain.TenantId;
import dev.conversation.wire.livechatai.BearerToken;
import io.vavr.collection.LinkedHashMap;
import io.vavr.collection.Map;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The host's API keys and the tenant each belongs to: one key works on all four APIs, sent the way
 * each API sends credentials ({@code Authorization: Klaviyo-API-Key <key>} for Klaviyo,
 * {@code Authorization: Bearer <key>} for the others). A tenant never sees another tenant's
 * conversations because every request is served in its key's tenant only.
 *
 * <p>Keys are letters, digits and {@code - . _ ~ + /}: valid RFC 6750 tokens, so each works in
 * both header schemes, and without the {@code =} padding RFC 6750 would allow, because a
 * configuration property name ends at the first {@code =}. Immutable and thread-safe.
 */
public final class ApiKeys {

  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+");

  /** The demo keys, used only when no key is configured: {@code demo-acme-key} and {@code demo-globex-key}. */
  public static final java.util.Map<String, String> DEMO = java.util.Map.of("demo-acme-key", "acme", "demo-globex-key", "globex");

  private final Map<String, TenantId> tenants;

  private ApiKeys(Map<String, TenantId> tenants) {
    this.tenants = tenants;
  }

  /**
   * Returns the keys from configuration, key to tenant id.
   *
   * @throws IllegalArgumentException naming the key (never its value) when the map is empty, a key
   *     is not a token or a tenant id breaks {@link TenantId}'s rules
   */
  public static ApiKeys of(java.util.Map<String, String> keyToTenant) {
    Objects.requireNonNull(keyToTenant, "keyToTenant");
    if (keyToTenant.isEmpty()) {
      throw new IllegalArgumentException(
          "conversation.host.api-keys must name at least one key, e.g. conversation.host.api-keys[my-key]=my-tenant");
    }
    Map<String, TenantId> tenants = LinkedHashMap.empty();
    int n = 0;
    for (java.util.Map.Entry<String, String> e : keyToTenant.entrySet()) {
      n++;
      if (e.getKey() == null || !TOKEN.matcher(e.getKey()).matches()) {
        throw new IllegalArgumentException("conversation.host.api-keys: key #" + n
            + " may hold only letters, digits and - . _ ~ + /");
      }
      try {
        tenants = tenants.put(e.getKey(), TenantId.of(Objects.requireNonNull(e.getValue(), "tenant")));
      } catch (IllegalArgumentException | NullPointerException bad) {
        throw new IllegalArgumentException("conversation.host.api-keys: the tenant of key #" + n + " is not a tenant id: "
            + bad.getMessage(), bad);
      }
    }
    return new ApiKeys(tenants);
  }

  /** Returns the tenant of {@code key}, or none when the host does not know the key. */
  public Option<TenantId> tenant(String key) {
    return tenants.get(Objects.requireNonNull(key, "key"));
  }

  /**
   * Authenticates an {@code Authorization: Bearer <key>} header.
   *
   * @param authorization the header's value, or none when the request has none
   * @return the key's tenant, or the reason to answer 401, in words that never repeat the header
   */
  public Either<String, TenantId> bearer(Option<String> authorization) {
    return BearerToken.parse(authorization).mapLeft(error -> error.message())
        .flatMap(key -> tenant(key).toEither("the API key is not valid"));
  }

  /** Returns how many keys there are. */
  public int size() {
    return tenants.size();
  }

  @Override
  public String toString() {
    return "ApiKeys[" + tenants.size() + " keys for tenants " + tenants.values().distinct().mkString(", ") + "]";
  }
}
