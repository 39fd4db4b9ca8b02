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
import org.springframework.boot.web.server.context.WebServerApplicationContext;
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

  /**
   * A GET sent as raw bytes over a socket, for request targets {@code java.net.URI} refuses to build
   * (a malformed percent escape, for example); HTTP/1.1 with {@code Connection: close}.
   */
  Answer rawGet(String target, String... headers) {
    java.net.URI uri = URI.create(base);
    try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
      socket.setSoTimeout(30_000);
      StringBuilder head = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: " + uri.getHost() + "\r\n");
      for (int i = 0; i + 1 < headers.length; i += 2) {
        head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
      }
      head.append("Connection: close\r\n\r\n");
      socket.getOutputStream().write(head.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      String response = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      int end = response.indexOf("\r\n\r\n");
      String[] lines = response.substring(0, end).split("\r\n");
      int status = Integer.parseInt(lines[0].split(" ")[1]);
      String contentType = "";
      boolean chunked = false;
      for (String line : lines) {
        String lower = line.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("content-type:")) {
          contentType = line.substring(line.indexOf(':') + 1).strip();
        }
        chunked |= lower.startsWith("transfer-encoding:") && lower.contains("chunked");
      }
      String body = response.substring(end + 4);
      return new Answer(status, contentType, chunked ? unchunk(body) : body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String unchunk(String body) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (true) {
      int eol = body.indexOf("\r\n", at);
      int size = Integer.parseInt(body.substring(at, eol).strip(), 16);
      if (size == 0) {
        return out.toString();
      }
      out.append(body, eol + 2, eol + 2 + size);
      at = eol + 2 + size + 2;
    }
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
