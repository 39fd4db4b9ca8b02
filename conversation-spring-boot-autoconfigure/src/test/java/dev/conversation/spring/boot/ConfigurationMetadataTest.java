package dev.conversation.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The configuration metadata an IDE completes from: every property is there with a description. */
class ConfigurationMetadataTest {

  @Test
  void everyPropertyHasADescription() throws Exception {
    String json;
    try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("the configuration processor wrote the metadata").isNotNull();
      json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    int properties = json.indexOf("\"properties\"");
    assertThat(properties).isPositive();
    Matcher entry = Pattern.compile("\\{[^{}]*\"name\": \"(conversation\\.[a-z.-]+)\"[^{}]*}").matcher(json.substring(properties));
    List<String> names = new ArrayList<>();
    while (entry.find()) {
      names.add(entry.group(1));
      assertThat(entry.group()).as("%s has a description", entry.group(1)).containsPattern("\"description\": \"[^\"]{10,}");
    }
    assertThat(names).contains("conversation.timers.enabled", "conversation.timers.period",
        "conversation.retention.keep-closed-for", "conversation.retention.period", "conversation.relay.enabled",
        "conversation.relay.name", "conversation.relay.period", "conversation.relay.retention", "conversation.jdbc.migrate",
        "conversation.jdbc.history-table", "conversation.health.relay-lag-threshold", "conversation.health.relay-lag-status");
  }
}
