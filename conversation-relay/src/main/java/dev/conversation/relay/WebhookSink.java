package dev.conversation.relay;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookSigningException;
import io.cloudevents.CloudEvent;
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
 * <p>A 2xx answer is delivered. 400, 409, 413, 415 and 422 say the receiver will never take this
 * event: it is refused and parked. Any other answer (a redirect, 401 or 403 after a secret
 * rotated, 404 or 410 from a moved endpoint, 408, 425, 429, 5xx), a timeout and a connection
 * failure are about the endpoint, not the event: the relay tries again, and parks only when the
 * retry budget runs out. Every call is bounded as a whole: the connect timeout plus the request
 * timeout (default 5 s and 10 s) covers connecting, the answer and its body, which is read and
 * discarded (redirects are not followed). Thread-safe.
 */
public final class WebhookSink implements Sink {

  private final URI url;
  private final Webhook signer;
  private final HttpClient client;
  private final Duration requestTimeout;
  private final Duration deadline;
  private final Clock clock;

  private WebhookSink(URI url, String secret, Duration connectTimeout, Duration requestTimeout, Clock clock) {
    this.url = url;
    this.signer = new Webhook(secret);
    this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
    this.requestTimeout = requestTimeout;
    this.deadline = connectTimeout.plus(requestTimeout);
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
    java.util.concurrent.CompletableFuture<HttpResponse<Void>> call =
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
    HttpResponse<Void> response;
    try {
      // The request timeout covers only the wait for the answer's head; this bounds the body too.
      response = call.get(deadline.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      call.cancel(true);
      return Result.retry("no complete answer within " + deadline);
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable cause = e.getCause();
      return Result.retry(cause instanceof HttpTimeoutException ? "no answer within " + requestTimeout
          : "could not reach " + url.getHost() + ": " + cause);
    } catch (InterruptedException e) {
      call.cancel(true);
      Thread.currentThread().interrupt();
      return Result.retry("interrupted");
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return Result.delivered();
    }
    String reason = "HTTP " + status;
    return REFUSALS.contains(status) ? Result.refused(reason) : Result.retry(reason);
  }

  /** The answers that refuse this event for good; any other is about the endpoint and tried again. */
  private static final java.util.Set<Integer> REFUSALS = java.util.Set.of(400, 409, 413, 415, 422);

  @Override
  public String toString() {
    return "WebhookSink[" + url + "]";
  }
}
