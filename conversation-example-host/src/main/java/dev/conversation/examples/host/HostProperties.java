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
 */
@ConfigurationProperties("conversation.host")
public record HostProperties(Map<String, String> apiKeys, String workspace, String publicUrl, boolean demoData) {

  /** Creates the settings; absent values become empty, and the keys keep their configured order. */
  public HostProperties {
    apiKeys = apiKeys == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(apiKeys));
    workspace = workspace == null ? "support" : workspace;
    publicUrl = publicUrl == null ? "" : publicUrl;
  }
}
