package dev.conversation.examples.host;

import dev.conversation.service.Conversations;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.context.WebServerApplicationContext;
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

  /** Stores the demo conversations and prints how to call each API. */
  @Bean
  ApplicationRunner demoData(Conversations conversations, HostProperties properties, ApiKeys keys,
      WebServerApplicationContext context) {
    return args -> {
      int port = context.getWebServer().getPort();
      System.out.println("Conversation example host on http://localhost:" + port + " (" + keys + ")");
      if (!properties.demoData()) {
        return;
      }
      DemoData demo = DemoData.store(conversations);
      String base = "http://localhost:" + port;
      System.out.println("Demo conversations stored. Try:");
      System.out.println("  curl -s " + base + "/agentclara/conversations -H 'Authorization: Bearer demo-acme-key'");
      System.out.println("  curl -s " + base + "/api/v2/conversations/" + demo.acmeWhatsApp()
          + " -H 'Authorization: Bearer demo-acme-key'");
      System.out.println("  curl -s " + base + "/api/customer-agent-conversations/" + demo.acmeEmail()
          + " -H 'Authorization: Klaviyo-API-Key demo-acme-key' -H 'revision: 2026-04-15.pre'");
      System.out.println("  curl -s " + base + "/api/conversations/" + demo.acmeSms()
          + " -H 'Authorization: Bearer demo-acme-key'");
    };
  }
}
