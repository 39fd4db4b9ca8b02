package dev.conversation.examples.host;

import dev.conversation.wire.ApiError;
import io.vavr.control.Option;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Reads request bodies without holding a thread, and bounds them. A client that announces a
 * body and sends it slowly (or never) used to hold one of Tomcat's worker threads per connection
 * in a blocking read, so a few hundred such connections, without any key, starved every other
 * request. Here a body is read with the Servlet API's non-blocking input ({@link ReadListener}):
 * while the bytes trickle in no thread waits, and the request is dispatched to its controller only
 * once the whole body is in memory. A body whose {@code Content-Type} is neither JSON nor a
 * wildcard, or not UTF-8, is refused with 415 before it is read. A body over the limit is refused
 * with 413 in the error shape of the path's API (AgentClara's
 * {@code {"error": "payload_too_large", "message", "field": "body"}}): at once when its
 * {@code Content-Length} says so (the body is never read, and with {@code Expect: 100-continue}
 * the client is never told to send it), or as soon as a chunked body passes it. A body not
 * complete within the timeout is answered 408 and the connection closed.
 */
final class RequestBodies implements Filter {

  private static final String BUFFERED = RequestBodies.class.getName() + ".body";

  private final long limit;
  private final Duration timeout;

  RequestBodies(long limit, Duration timeout) {
    this.limit = limit;
    this.timeout = timeout;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    HttpServletResponse response = (HttpServletResponse) res;
    Object buffered = request.getAttribute(BUFFERED);
    if (buffered instanceof byte[] body) {
      // The dispatch after the body was read: the controller reads it from memory.
      chain.doFilter(new Buffered(request, body), response);
      return;
    }
    if (request.getDispatcherType() != DispatcherType.REQUEST || !hasBody(request)) {
      chain.doFilter(request, response);
      return;
    }
    Option<String> unsupported = unsupported(request.getContentType());
    if (unsupported.isDefined()) {
      refuse(request, response, ApiError.status(415).withField(Option.some("Content-Type")).withMessage(unsupported.get()));
      return;
    }
    long announced = request.getContentLengthLong();
    if (announced > limit) {
      refuse(request, response, tooLarge("the request body is over the limit of " + limit + " bytes"));
      return;
    }
    AsyncContext async = request.startAsync();
    async.setTimeout(timeout.toMillis());
    ByteArrayOutputStream body = new ByteArrayOutputStream((int) Math.min(Math.max(announced, 256), limit));
    ServletInputStream in = request.getInputStream();
    async.addListener(new AsyncListener() {
      @Override
      public void onTimeout(AsyncEvent event) throws IOException {
        refuse(request, response, ApiError.status(408).withField(Option.some("body"))
            .withMessage("the request body did not arrive within " + timeout.toSeconds() + " s"));
        async.complete();
      }

      @Override
      public void onComplete(AsyncEvent event) {}

      @Override
      public void onError(AsyncEvent event) {}

      @Override
      public void onStartAsync(AsyncEvent event) {}
    });
    in.setReadListener(new ReadListener() {
      private final byte[] chunk = new byte[8192];
      private boolean done;

      @Override
      public void onDataAvailable() throws IOException {
        while (!done && in.isReady()) {
          int n = in.read(chunk);
          if (n < 0) {
            return;
          }
          if (body.size() + (long) n > limit) {
            done = true;
            refuse(request, response, tooLarge("the request body is over " + limit + " bytes"));
            async.complete();
            return;
          }
          body.write(chunk, 0, n);
        }
      }

      @Override
      public void onAllDataRead() {
        if (!done) {
          done = true;
          request.setAttribute(BUFFERED, body.toByteArray());
          async.dispatch();
        }
      }

      @Override
      public void onError(Throwable failure) {
        // A malformed body (a broken chunk) is a 400 if the client still listens; a client that
        // went away gets nothing. Either way the request is freed.
        done = true;
        try {
          refuse(request, response, ApiError.badRequest("body", "readable", "the request body could not be read"));
        } catch (IOException | RuntimeException gone) {
          // nobody is left to answer
        }
        async.complete();
      }
    });
  }

  private static boolean hasBody(HttpServletRequest request) {
    return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
  }

  private static ApiError tooLarge(String message) {
    return ApiError.status(413).withField(Option.some("body")).withMessage(message);
  }

  /**
   * Why a body of this {@code Content-Type} cannot be read, if it cannot: bodies are JSON in UTF-8,
   * so a type that is neither JSON ({@code application/json}, {@code application/*+json}) nor a
   * wildcard ({@code *}{@code /*}, {@code application/*}), or another charset, is refused. A body
   * without a {@code Content-Type} is read as JSON.
   */
  static Option<String> unsupported(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return Option.none();
    }
    MediaType type;
    try {
      type = MediaType.parseMediaType(contentType);
    } catch (InvalidMediaTypeException e) {
      return Option.some("the Content-Type header is malformed; send application/json");
    }
    boolean json = type.isWildcardType()
        || type.getType().equalsIgnoreCase("application") && (type.isWildcardSubtype() || type.getSubtype().equalsIgnoreCase("json")
            || type.getSubtype().toLowerCase(java.util.Locale.ROOT).endsWith("+json"));
    if (!json) {
      return Option.some("the request body must be JSON: send Content-Type application/json");
    }
    String charset = type.getParameter("charset");
    if (charset != null && !charset.replace("\"", "").equalsIgnoreCase("utf-8")) {
      return Option.some("the request body must be UTF-8 encoded JSON: send Content-Type application/json;charset=utf-8");
    }
    return Option.none();
  }

  /**
   * Answers in the error shape of the API the path belongs to and closes the connection: whatever
   * of the body is unread stays unread.
   */
  private static void refuse(HttpServletRequest request, HttpServletResponse response, ApiError error) throws IOException {
    if (response.isCommitted()) {
      return;
    }
    ApiErrors.Rendered rendered = ApiErrors.render(request.getRequestURI(), error);
    byte[] bytes = rendered.body().getBytes(StandardCharsets.UTF_8);
    response.setStatus(error.status());
    response.setHeader("Connection", "close");
    response.setContentType(rendered.contentType());
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
    response.flushBuffer();
  }

  /** The request with its body read already. */
  private static final class Buffered extends HttpServletRequestWrapper {
    private final byte[] body;

    Buffered(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new IllegalStateException("the body was read already");
        }

        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }
      };
    }

    @Override
    public java.io.BufferedReader getReader() {
      return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
