package dev.conversation.examples.host;

import dev.conversation.service.Conversations;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The example host: one Spring Boot application serving the four seed APIs from one library
 * instance on the embedded in-memory store. Start it with
 * {@code mvn -B -q -pl conversation-example-host -am test-compile exec:java} (port 8080; add
 * {@code -Dexec.args="--server.port=9090"} for another) and stop it with Ctrl-C.
 */
@SpringBootApplication
@EnableConfigurationProperties(HostProperties.class)
public class ExampleHost {

  /** Starts the host; Spring Boot's arguments ({@code --server.port=...}, {@code --conversation.host...}) apply. */
  public static void main(String[] args) {
    SpringApplication.run(ExampleHost.class, args);
  }

  /**
   * Stores the demo conversations while the context starts, before the server takes requests
   * (skipped with {@code conversation.host.demo-data=false}).
   */
  @Bean
  @ConditionalOnProperty(name = "conversation.host.demo-data", havingValue = "true", matchIfMissing = true)
  DemoData demoData(Conversations conversations) {
    return DemoData.store(conversations);
  }

  /** Prints where the host listens and, with the demo data, how to call each API. */
  @Bean
  ApplicationRunner greeting(ApiKeys keys, ObjectProvider<DemoData> demo, WebServerApplicationContext context) {
    return args -> {
      String base = "http://localhost:" + context.getWebServer().getPort();
      System.out.println("Conversation example host on " + base + " (" + keys + ")");
      if (keys.tenant("demo-acme-key").isEmpty()) {
        return; // the calls below use the demo key
      }
      demo.ifAvailable(d -> {
        System.out.println("Demo conversations stored. Try:");
        System.out.println("  curl -s " + base + "/agentclara/conversations -H 'Authorization: Bearer demo-acme-key'");
        System.out.println("  curl -s " + base + "/api/v2/conversations/" + d.acmeWhatsApp()
            + " -H 'Authorization: Bearer demo-acme-key'");
        System.out.println("  curl -s " + base + "/api/customer-agent-conversations/" + d.acmeEmail()
            + " -H 'Authorization: Klaviyo-API-Key demo-acme-key' -H 'revision: 2026-04-15.pre'");
        System.out.println("  curl -s " + base + "/api/conversations/" + d.acmeSms()
            + " -H 'Authorization: Bearer demo-acme-key'");
      });
    };
  }
}
