package dev.conversation.examples.host;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The host's settings, under {@code conversation.host} (see {@code application.properties}).
 *
 * @param apiKeys API key to tenant id, for example
 *     {@code conversation.host.api-keys[demo-acme-key]=acme}
 * @param workspace the workspace AgentClara's Create Conversation starts conversations in
 * @param publicUrl the base URL Klaviyo's {@code links} are built on; empty means
 *     {@code http://localhost:<port>}
 * @param demoData whether to store the demo conversations at start-up
 * @param maxBodySize the largest request body accepted (default 1MB); a larger one is a 413
 * @param bodyTimeout how long a request body may take to arrive (default 10s); then a 408
 */
@ConfigurationProperties("conversation.host")
public record HostProperties(Map<String, String> apiKeys, String workspace, String publicUrl, boolean demoData,
    org.springframework.util.unit.DataSize maxBodySize, java.time.Duration bodyTimeout) {

  /** Creates the settings; absent values become empty, and the keys keep their configured order. */
  public HostProperties {
    apiKeys = apiKeys == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(apiKeys));
    workspace = workspace == null ? "support" : workspace;
    publicUrl = publicUrl == null ? "" : publicUrl;
    maxBodySize = maxBodySize == null ? org.springframework.util.unit.DataSize.ofMegabytes(1) : maxBodySize;
    if (maxBodySize.toBytes() < 1) {
      throw new IllegalArgumentException("conversation.host.max-body-size must be at least 1B, was " + maxBodySize);
    }
    bodyTimeout = bodyTimeout == null ? java.time.Duration.ofSeconds(10) : bodyTimeout;
    if (bodyTimeout.isNegative() || bodyTimeout.isZero()) {
      throw new IllegalArgumentException("conversation.host.body-timeout must be positive, was " + bodyTimeout);
    }
  }
}
