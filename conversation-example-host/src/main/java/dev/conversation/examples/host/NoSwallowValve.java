package dev.conversation.examples.host;

import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * After a request is answered without its body read (a 401, 404, 405, 406 or 413 on any path),
 * Tomcat would read the rest of the body and throw it away, on the worker thread, with blocking
 * reads: a client trickling that body would hold the thread. This valve tells Tomcat to close the
 * connection instead. Bodies the application reads are read without threads by
 * {@link RequestBodies}; an asynchronous request is left alone.
 */
final class NoSwallowValve extends ValveBase {

  NoSwallowValve() {
    super(true);
  }

  @Override
  public void invoke(Request request, Response response) throws IOException, ServletException {
    getNext().invoke(request, response);
    if (!request.isAsync()) {
      AtomicBoolean read = new AtomicBoolean(true);
      request.getCoyoteRequest().action(ActionCode.REQUEST_BODY_FULLY_READ, read);
      if (!read.get()) {
        request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
      }
    }
  }
}
