package dev.conversation.relay;

import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpServer;
import io.cloudevents.CloudEvent;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A real HTTP server receiving webhooks: it checks each request's Standard Webhooks signature
 * twice (with the reference library, as a receiver would, and by recomputing the HMAC here), keeps
 * every request in arrival order, and answers what {@code answer} says (a status, or a negative
 * number of milliseconds to stall before answering 200).
 */
final class Receiver implements AutoCloseable {

  static final byte[] KEY = "a shared secret of thirty-two b!".getBytes(StandardCharsets.UTF_8);
  static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(KEY);

  /** One request as received. */
  record Received(String id, CloudEvent event, boolean signatureValid, int answered) {}

  private final HttpServer server;
  private final List<Received> received = new ArrayList<>();
  private volatile Function<CloudEvent, Integer> answer = e -> 200;

  Receiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/hooks", exchange -> {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      String text = new String(body, StandardCharsets.UTF_8);
      Map<String, List<String>> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      headers.putAll(exchange.getRequestHeaders());
      boolean valid = verified(text, headers);
      CloudEvent event = Envelope.fromJson(body);
      int status = answer.apply(event);
      if (status < 0) {
        try {
          Thread.sleep(-status);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        status = 200;
      }
      synchronized (received) {
        received.add(new Received(headers.get("webhook-id").get(0), event, valid, status));
      }
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    server.start();
  }

  private static boolean verified(String body, Map<String, List<String>> headers) {
    try {
      new Webhook(SECRET).verify(body, headers);
      String id = headers.get("webhook-id").get(0);
      String timestamp = headers.get("webhook-timestamp").get(0);
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
      String expected = "v1," + Base64.getEncoder().encodeToString(
          mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
      return headers.get("webhook-signature").get(0).equals(expected)
          && "application/cloudevents+json".equals(headers.get("content-type").get(0));
    } catch (com.standardwebhooks.exceptions.WebhookVerificationException | GeneralSecurityException e) {
      return false;
    }
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks");
  }

  void answer(Function<CloudEvent, Integer> value) {
    this.answer = value;
  }

  List<Received> received() {
    synchronized (received) {
      return List.copyOf(received);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
