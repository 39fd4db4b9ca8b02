package dev.conversation.examples.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conversation.domain.TenantId;
import io.vavr.control.Option;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The host's configuration: API keys are checked at start-up, and the demo data can be left out. */
class HostConfigurationTest {

  @Test
  void keysMapToTenantsAndBearerHeadersAreChecked() {
    ApiKeys keys = ApiKeys.of(Map.of("k-1", "t1", "k-2", "t2"));
    assertThat(keys.tenant("k-1")).isEqualTo(Option.some(TenantId.of("t1")));
    assertThat(keys.tenant("k-3")).isEmpty();
    assertThat(keys.bearer(Option.some("Bearer k-2")).get()).isEqualTo(TenantId.of("t2"));
    assertThat(keys.bearer(Option.some("bearer   k-2")).get()).isEqualTo(TenantId.of("t2"));
    assertThat(keys.bearer(Option.none()).getLeft()).contains("missing");
    assertThat(keys.bearer(Option.some("Bearer k-3")).getLeft()).isEqualTo("the API key is not valid");
    assertThat(keys.toString()).doesNotContain("k-1").doesNotContain("k-2");
  }

  @Test
  void badKeysAreRefusedAtStartNamingTheEntryNotTheKey() {
    assertThatThrownBy(() -> ApiKeys.of(Map.of())).hasMessageContaining("at least one key");
    Map<String, String> spaced = new LinkedHashMap<>();
    spaced.put("ok-key", "acme");
    spaced.put("secret with space", "acme");
    assertThatThrownBy(() -> ApiKeys.of(spaced)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("key #2").hasMessageNotContaining("secret");
    assertThatThrownBy(() -> ApiKeys.of(Map.of("ok-key", " "))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the tenant of key #1");
    assertThatThrownBy(() -> ApiKeys.of(Map.of("abc+/==", "acme"))).as("no = padding: a property name ends at =")
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key #1");
  }

  @Test
  void aHostWithItsOwnKeysAndNoDemoDataServesOnlyWhatItsClientsStore() throws Exception {
    try (ConfigurableApplicationContext context = SpringApplication.run(ExampleHost.class, "--server.port=0",
        "--conversation.host.demo-data=false", "--conversation.host.api-keys[team-key]=team")) {
      assertThat(context.getBeanProvider(DemoData.class).getIfAvailable()).isNull();
      String base = "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
      HttpClient client = HttpClient.newHttpClient();
      HttpResponse<String> listed = client.send(HttpRequest.newBuilder(URI.create(base + "/agentclara/conversations"))
          .header("Authorization", "Bearer team-key").build(), HttpResponse.BodyHandlers.ofString());
      assertThat(listed.statusCode()).isEqualTo(200);
      assertThat(listed.body()).startsWith("{\"conversations\":[]");
      HttpResponse<String> demoKey = client.send(HttpRequest.newBuilder(URI.create(base + "/agentclara/conversations"))
          .header("Authorization", "Bearer demo-acme-key").build(), HttpResponse.BodyHandlers.ofString());
      assertThat(demoKey.statusCode()).as("configured keys replace the demo keys").isEqualTo(401);
    }
  }

  @Test
  void aHostWithABadPublicUrlDoesNotStart() {
    assertThatThrownBy(() -> SpringApplication.run(ExampleHost.class, "--server.port=0",
        "--conversation.host.demo-data=false", "--conversation.host.public-url=api.example.com").close())
        .hasStackTraceContaining("conversation.host.public-url: ");
  }

  @Test
  void aHostWithAMalformedKeyDoesNotStart() {
    assertThatThrownBy(() -> SpringApplication.run(ExampleHost.class, "--server.port=0",
        "--conversation.host.demo-data=false", "--conversation.host.api-keys[bad key!]=team").close())
        .hasStackTraceContaining("conversation.host.api-keys: key #");
  }
}
