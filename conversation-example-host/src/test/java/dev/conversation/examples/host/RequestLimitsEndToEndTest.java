package dev.conversation.examples.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The host against clients of the open internet, over raw sockets: slow bodies do not starve
 * other requests, a body over the limit is refused in the API's shape without being read (and
 * without {@code 100 Continue}), a body that does not arrive in time is a 408.
 */
class RequestLimitsEndToEndTest {

  private static ConfigurableApplicationContext context;
  private static int port;

  @BeforeAll
  static void start() {
    context = SpringApplication.run(ExampleHost.class, "--server.port=0", "--conversation.host.max-body-size=2KB",
        "--conversation.host.body-timeout=3s");
    port = ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  @AfterAll
  static void stop() {
    context.close();
  }

  /** Sends the bytes and reads what the host answers until it closes or the wait ends. */
  private static String exchange(String request, Duration wait) throws IOException {
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout((int) wait.toMillis());
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      return readAll(socket.getInputStream());
    }
  }

  private static String readAll(InputStream in) throws IOException {
    StringBuilder out = new StringBuilder();
    byte[] buffer = new byte[4096];
    try {
      for (int n; (n = in.read(buffer)) > 0; ) {
        out.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        if (out.indexOf("\r\n\r\n") > 0 && out.indexOf("}") > 0) {
          break;
        }
      }
    } catch (java.net.SocketTimeoutException e) {
      // what arrived is the answer
    }
    return out.toString();
  }

  @Test
  void aBodyOverTheLimitIsRefusedInTheApisShapeWithoutBeingAskedFor() throws Exception {
    for (String path : List.of("/agentclara/conversations", "/inbound/messages")) {
      long started = System.nanoTime();
      String answer = exchange("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer demo-acme-key\r\n"
          + "Content-Type: application/json\r\nContent-Length: 50000000\r\nExpect: 100-continue\r\n\r\n", Duration.ofSeconds(5));
      assertThat(Duration.ofNanos(System.nanoTime() - started)).as("answered without waiting for the body")
          .isLessThan(Duration.ofSeconds(3));
      assertThat(answer).as(path).startsWith("HTTP/1.1 413").doesNotContain("100 Continue")
          .contains("Content-Type: application/json", "\"error\":\"payload_too_large\"", "\"field\":\"body\"");
    }
    String chunked = "POST /inbound/messages HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer demo-acme-key\r\n"
        + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" + "800\r\n" + "x".repeat(0x800) + "\r\n"
        + "800\r\n" + "x".repeat(0x800) + "\r\n0\r\n\r\n";
    assertThat(exchange(chunked, Duration.ofSeconds(5))).as("a chunked body passing the limit")
        .startsWith("HTTP/1.1 413").contains("\"error\":\"payload_too_large\"");
  }

  @Test
  void aBodyThatDoesNotArriveInTimeIsA408() throws Exception {
    String answer = exchange("POST /agentclara/conversations HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer demo-acme-key\r\n"
        + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{", Duration.ofSeconds(10));
    assertThat(answer).startsWith("HTTP/1.1 408").contains("\"error\":\"request_timeout\"");
  }

  @Test
  void threeHundredTricklingClientsDoNotStarveAnOrdinaryGet() throws Exception {
    List<Socket> slow = new ArrayList<>();
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    try {
      // Bodies that trickle everywhere: one the host reads, and bodies it leaves unread (an unknown
      // id without a key, an Accept refused, a body announced too large without Expect, a form
      // PUT on a path that takes no body), which Tomcat would otherwise swallow on a thread.
      List<String> heads = List.of(
          "POST /inbound/messages HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{",
          "GET /api/v2/conversations/x HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100\r\n\r\n{",
          "POST /agentclara/conversations HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\nContent-Length: 100\r\n\r\n{",
          "POST /agentclara/conversations HTTP/1.1\r\nHost: localhost\r\nContent-Length: 50000000\r\n\r\n{",
          "PUT /api/v2/conversations/x HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n"
              + "Content-Length: 100\r\n\r\na");
      for (int i = 0; i < 300; i++) {
        Socket socket = new Socket("localhost", port);
        OutputStream out = socket.getOutputStream();
        out.write(heads.get(i % heads.size()).getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        slow.add(socket);
      }
      for (int round = 0; round < 3; round++) {
        for (Socket socket : slow) {
          try {
            socket.getOutputStream().write(' ');  // a trickle: a byte now and then, never the whole body
            socket.getOutputStream().flush();
          } catch (IOException closedByTheHost) {
            // an answered request whose unread body the host refused to swallow: its connection is closed
          }
        }
        long started = System.nanoTime();
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
            + "/agentclara/conversations")).header("Authorization", "Bearer demo-acme-key").timeout(Duration.ofSeconds(5))
            .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("an ordinary GET among 300 trickling bodies")
            .isLessThan(Duration.ofSeconds(2));
        Thread.sleep(200);
      }
    } finally {
      for (Socket socket : slow) {
        socket.close();
      }
    }
  }
}
