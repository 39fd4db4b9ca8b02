package dev.conversation.examples.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every error status the host answers, for each of the four APIs, over raw HTTP: the container's
 * own refusals (a malformed path), a missing key, no such endpoint, a method not served, an Accept
 * that excludes JSON. Each must come in the API's own shape and content type, never Spring's or
 * Tomcat's; a body announced too large (413) or not JSON in UTF-8 (415). (Trickling bodies and 408
 * are in {@link RequestLimitsEndToEndTest}.)
 */
class ErrorShapesEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** An API: where it lives, a resource path, its key header, extra headers, and how its errors look. */
  private enum Api {
    AGENTCLARA("/agentclara/conversations", "Authorization: Bearer demo-acme-key", "", "application/json"),
    LIVECHATAI("/api/v2/conversations/none", "Authorization: Bearer demo-acme-key", "", "application/json"),
    CRM("/api/conversations/none", "Authorization: Bearer demo-acme-key", "", "application/json"),
    KLAVIYO("/api/customer-agent-conversations/none", "Authorization: Klaviyo-API-Key demo-acme-key",
        "revision: 2026-04-15.pre\r\n", "application/vnd.api+json");

    final String path;
    final String key;
    final String extra;
    final String contentType;

    Api(String path, String key, String extra, String contentType) {
      this.path = path;
      this.key = key;
      this.extra = extra;
      this.contentType = contentType;
    }

    /** Asserts the body is this API's error shape. */
    void assertShape(JsonNode body) {
      switch (this) {
        case AGENTCLARA -> assertThat(body.get("error").isTextual() && body.has("message") && body.has("field")).as("%s", body)
            .isTrue();
        case LIVECHATAI -> assertThat(body.get("status").asText()).as("%s", body).isEqualTo("error");
        case CRM -> assertThat(body.size() == 1 && body.get("error").isTextual()).as("%s", body).isTrue();
        case KLAVIYO -> assertThat(body.get("errors").isArray() && body.get("errors").get(0).has("detail")).as("%s", body).isTrue();
      }
    }
  }

  private record Answer(int status, String contentType, String body) {}

  private static Answer send(String request) throws IOException {
    RunningHost host = RunningHost.get();
    return send(Integer.parseInt(host.base().substring(host.base().lastIndexOf(':') + 1)), request);
  }

  private static Answer send(int port, String request) throws IOException {
    try (Socket socket = new Socket("localhost", port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      for (int n; (n = in.read(buffer)) > 0; ) {
        all.write(buffer, 0, n);
      }
      String text = all.toString(StandardCharsets.UTF_8);
      int split = text.indexOf("\r\n\r\n");
      String head = text.substring(0, split);
      String body = text.substring(split + 4);
      if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
        body = dechunk(body);
      }
      String type = head.lines().filter(l -> l.toLowerCase(Locale.ROOT).startsWith("content-type:"))
          .map(l -> l.substring(13).trim()).findFirst().orElse("");
      return new Answer(Integer.parseInt(head.substring(9, 12)), type, body);
    }
  }

  private static String dechunk(String chunked) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (true) {
      int eol = chunked.indexOf("\r\n", at);
      int size = Integer.parseInt(chunked.substring(at, eol).trim(), 16);
      if (size == 0) {
        return out.toString();
      }
      out.append(chunked, eol + 2, eol + 2 + size);
      at = eol + 2 + size + 2;
    }
  }

  static Stream<Arguments> cases() {
    Stream.Builder<Arguments> cases = Stream.builder();
    for (Api api : Api.values()) {
      String headers = "Host: localhost\r\n" + api.key + "\r\n" + api.extra + "Connection: close\r\n";
      cases.add(Arguments.of(api, 400, "GET " + api.path + "/%00 HTTP/1.1\r\n" + headers + "\r\n"));
      cases.add(Arguments.of(api, 401, "GET " + api.path + " HTTP/1.1\r\nHost: localhost\r\n" + api.extra
          + "Connection: close\r\n\r\n"));
      cases.add(Arguments.of(api, 404, "GET " + api.path + "/no/such/thing HTTP/1.1\r\n" + headers + "\r\n"));
      cases.add(Arguments.of(api, 405, "DELETE " + api.path + " HTTP/1.1\r\n" + headers + "\r\n"));
      cases.add(Arguments.of(api, 406, "GET " + api.path + " HTTP/1.1\r\n" + headers + "Accept: text/html\r\n\r\n"));
      cases.add(Arguments.of(api, 406, "GET " + api.path + " HTTP/1.1\r\n" + headers + "Accept: application/json;q=0\r\n\r\n"));
      cases.add(Arguments.of(api, 406, "GET " + api.path + " HTTP/1.1\r\n" + headers
          + "Accept: application/json;q=0, */*\r\n\r\n"));
      // Announced over the 1 MB limit, or not JSON in UTF-8: refused before the body is read. The
      // read-only APIs serve no method that takes a body, so theirs is a 405, also unread.
      int bodyRefused = api == Api.AGENTCLARA ? 413 : 405;
      int typeRefused = api == Api.AGENTCLARA ? 415 : 405;
      cases.add(Arguments.of(api, bodyRefused, "POST " + api.path + " HTTP/1.1\r\n" + headers
          + "Content-Type: application/json\r\nContent-Length: 5000000\r\n\r\n"));
      cases.add(Arguments.of(api, typeRefused, "POST " + api.path + " HTTP/1.1\r\n" + headers
          + "Content-Type: text/plain\r\nContent-Length: 2\r\n\r\n{}"));
      cases.add(Arguments.of(api, typeRefused, "POST " + api.path + " HTTP/1.1\r\n" + headers
          + "Content-Type: application/json; charset=iso-8859-1\r\nContent-Length: 2\r\n\r\n{}"));
    }
    // The inbound endpoints take bodies too, and answer in AgentClara's shape.
    String inbound = "Host: localhost\r\nAuthorization: Bearer demo-acme-key\r\nConnection: close\r\n";
    cases.add(Arguments.of(Api.AGENTCLARA, 413, "POST /inbound/messages HTTP/1.1\r\n" + inbound
        + "Content-Type: application/json\r\nContent-Length: 5000000\r\n\r\n"));
    cases.add(Arguments.of(Api.AGENTCLARA, 415, "POST /inbound/messages HTTP/1.1\r\n" + inbound
        + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 3\r\n\r\na=b"));
    cases.add(Arguments.of(Api.AGENTCLARA, 404, "GET /error HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
    // A request line Tomcat cannot parse names no API: JSON in the default (AgentClara) shape.
    for (Api api : Api.values()) {
      cases.add(Arguments.of(Api.AGENTCLARA, 400, "GET " + api.path + "/{x} HTTP/1.1\r\nHost: localhost\r\n\r\n"));
    }
    cases.add(Arguments.of(Api.AGENTCLARA, 406, "POST /agentclara/conversations HTTP/1.1\r\nHost: localhost\r\n"
        + "Authorization: Bearer demo-acme-key\r\nAccept: text/html\r\nContent-Type: application/json\r\n"
        + "Content-Length: 2\r\nConnection: close\r\n\r\n{}"));
    cases.add(Arguments.of(Api.AGENTCLARA, 400, "GET /agentclara/conversations HTTP/1.1\r\nHost: localhost\r\n"
        + "Authorization: Bearer demo-acme-key\r\nAccept: not a type\r\nConnection: close\r\n\r\n"));
    return cases.build();
  }

  /**
   * A host whose store throws what no code expects (not a StoreFailure) when conversation
   * {@code boom} is read: the unexpected reaches the error controller as a 500.
   */
  @org.junit.jupiter.api.Test
  void theUnexpectedIsA500InTheApisShapeWithoutItsException() throws Exception {
    dev.conversation.persistence.ConversationStore real = dev.conversation.persistence.ConversationStore.inMemory();
    dev.conversation.persistence.ConversationStore failing = (dev.conversation.persistence.ConversationStore)
        java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {dev.conversation.persistence.ConversationStore.class}, (proxy, method, args) -> {
              if (method.getName().equals("find") && String.valueOf(args[1]).equals("boom")) {
                throw new IllegalStateException("a bug deep inside, with internals: com.example.Secret");
              }
              try {
                return method.invoke(real, args);
              } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
              }
            });
    try (org.springframework.context.ConfigurableApplicationContext context =
        new org.springframework.boot.builder.SpringApplicationBuilder(ExampleHost.class)
            .initializers(c -> ((org.springframework.context.support.GenericApplicationContext) c)
                .registerBean(dev.conversation.persistence.ConversationStore.class, () -> failing))
            .run("--server.port=0", "--conversation.host.demo-data=false", "--logging.level.root=OFF")) {
      int port = ((org.springframework.boot.web.server.context.WebServerApplicationContext) context).getWebServer().getPort();
      for (Api api : Api.values()) {
        String path = api.path.replace("/none", "/boom") + (api == Api.AGENTCLARA ? "/boom" : "");
        Answer answer = send(port, "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + api.key + "\r\n" + api.extra
            + "Connection: close\r\n\r\n");
        assertThat(answer.status()).as(path).isEqualTo(500);
        assertThat(answer.contentType()).startsWith(api.contentType);
        assertThat(answer.body()).doesNotContain("Secret", "IllegalState", "<html", "timestamp");
        api.assertShape(JSON.readTree(answer.body()));
      }
    }
  }

  @ParameterizedTest(name = "{0} {1}: {2}")
  @MethodSource("cases")
  void everyErrorComesInTheApisOwnShape(Api api, int status, String request) throws Exception {
    Answer answer = send(request);
    assertThat(answer.status()).as(request).isEqualTo(status);
    assertThat(answer.contentType()).as("content type").startsWith(api.contentType);
    assertThat(answer.body()).doesNotContain("<html", "timestamp", "Exception", "Tomcat");
    api.assertShape(JSON.readTree(answer.body()));
  }
}
