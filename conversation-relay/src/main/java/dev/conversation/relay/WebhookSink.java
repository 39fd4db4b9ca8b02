package dev.conversation.relay;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;
import io.cloudevents.CloudEvent;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Delivers each event as one HTTP {@code POST} of its CloudEvents structured JSON ({@code
 * Content-Type: application/cloudevents+json}), signed as the Standard Webhooks specification
 * says: {@code webhook-id} (the event id, the same at every retry), {@code webhook-timestamp}
 * (seconds since the epoch, at sending) and {@code webhook-signature} ({@code v1,} and the
 * base64 HMAC-SHA256 of {@code id.timestamp.body} under the shared secret).
 *
 * <p>A 2xx answer is delivered. 408, 425, 429 and 5xx, a timeout and a connection failure are
 * tried again by the relay; any other status (400, 401, 404, 410, ...) is a refusal and the
 * event is parked. Every call is bounded: a connect timeout and a request timeout (default 5 s
 * and 10 s). Thread-safe.
 */
public final class WebhookSink implements Sink {

  /** The most of a receiver's answer kept in a retry or parking reason. */
  static final int REASON_BODY = 200;

  private final URI url;
  private final Webhook signer;
  private final HttpClient client;
  private final Duration requestTimeout;
  private final Clock clock;

  private WebhookSink(URI url, String secret, Duration connectTimeout, Duration requestTimeout, Clock clock) {
    this.url = url;
    this.signer = new Webhook(secret);
    this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
    this.requestTimeout = requestTimeout;
    this.clock = clock;
  }

  /**
   * Returns a sink posting to {@code url}, signing with {@code secret} ({@code whsec_} and the
   * base64 key, as Standard Webhooks writes it), with the default timeouts.
   *
   * @throws IllegalArgumentException if the URL is not http(s) or the secret is not base64
   */
  public static WebhookSink to(URI url, String secret) {
    return to(url, secret, Duration.ofSeconds(5), Duration.ofSeconds(10), Clock.systemUTC());
  }

  /**
   * Returns a sink with these timeouts, timestamps from {@code clock}.
   *
   * @throws IllegalArgumentException if the URL is not http(s), the secret is not base64, or a
   *     timeout is under a millisecond
   */
  public static WebhookSink to(URI url, String secret, Duration connectTimeout, Duration requestTimeout, Clock clock) {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(clock, "clock");
    if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
      throw new IllegalArgumentException("url must be http or https: " + url);
    }
    if (connectTimeout.toMillis() < 1 || requestTimeout.toMillis() < 1) {
      throw new IllegalArgumentException("timeouts must be at least 1 ms: " + connectTimeout + ", " + requestTimeout);
    }
    try {
      return new WebhookSink(url, secret, connectTimeout, requestTimeout, clock);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("secret must be base64, optionally after 'whsec_'", e);
    }
  }

  @Override
  public Result deliver(CloudEvent event) {
    Objects.requireNonNull(event, "event");
    String body = new String(Envelope.json(event), StandardCharsets.UTF_8);
    long timestamp = clock.instant().getEpochSecond();
    String signature;
    try {
      signature = signer.sign(event.getId(), timestamp, body);
    } catch (WebhookSigningException e) {
      return Result.refused("could not sign: " + e.getMessage());
    }
    HttpRequest request = HttpRequest.newBuilder(url)
        .timeout(requestTimeout)
        .header("Content-Type", "application/cloudevents+json")
        .header("webhook-id", event.getId())
        .header("webhook-timestamp", Long.toString(timestamp))
        .header("webhook-signature", signature)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build();
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      return Result.retry("no answer within " + requestTimeout);
    } catch (IOException e) {
      return Result.retry("could not reach " + url.getHost() + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Result.retry("interrupted");
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return Result.delivered();
    }
    String reason = "HTTP " + status + excerpt(response.body());
    return status == 408 || status == 425 || status == 429 || status >= 500 ? Result.retry(reason) : Result.refused(reason);
  }

  private static String excerpt(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    String line = body.strip().replaceAll("\\s+", " ");
    return ": " + (line.codePointCount(0, line.length()) > REASON_BODY
        ? line.substring(0, line.offsetByCodePoints(0, REASON_BODY)) + "..." : line);
  }

  @Override
  public String toString() {
    return "WebhookSink[" + url + "]";
  }
}
