package dev.conversation.examples.host;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.conversation.service.Conversations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The example host, started once for all end-to-end tests on a free port with its default
 * configuration (demo keys and demo data), and a real HTTP client to call it. The JVM's exit stops
 * it (a shutdown hook Spring Boot registers).
 */
final class RunningHost {

  static final String ACME_KEY = "demo-acme-key";
  static final String GLOBEX_KEY = "demo-globex-key";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static RunningHost instance;

  private final ConfigurableApplicationContext context;
  private final String base;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private RunningHost() {
    context = SpringApplication.run(ExampleHost.class, "--server.port=0");
    base = "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  /** Returns the running host, starting it on first use. */
  static synchronized RunningHost get() {
    if (instance == null) {
      instance = new RunningHost();
    }
    return instance;
  }

  String base() {
    return base;
  }

  DemoData demo() {
    return context.getBean(DemoData.class);
  }

  /** The library instance behind the host, for setting up states no endpoint reaches (a hand-off). */
  Conversations conversations() {
    return context.getBean(Conversations.class);
  }

  /** A request to {@code path} (with its query string, already encoded) on the host. */
  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
  }

  /** Sends the request and returns the status, headers and body. */
  Answer send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> r = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Answer get(String path, String... headers) {
    return send(with(request(path), headers).GET());
  }

  Answer post(String path, String body, String... headers) {
    return send(with(request(path), headers).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  Answer patch(String path, String body, String... headers) {
    return send(with(request(path), headers).header("Content-Type", "application/json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
  }

  /** Adds name/value pairs as headers (none is fine, unlike {@code Builder.headers}). */
  private static HttpRequest.Builder with(HttpRequest.Builder builder, String... headers) {
    for (int i = 0; i + 1 < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    return builder;
  }

  static String[] bearer(String key) {
    return new String[] {"Authorization", "Bearer " + key};
  }

  /** What the host answered. */
  record Answer(int status, String contentType, String body) {

    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (status " + status + "): " + body, e);
      }
    }

    @Override
    public String toString() {
      return status + " " + contentType + " " + body;
    }
  }
}
