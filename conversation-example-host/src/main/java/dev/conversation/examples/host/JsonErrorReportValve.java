package dev.conversation.examples.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Tomcat's own error reports (a request it refused before any application saw it: a malformed
 * path such as {@code %2F} or {@code %00}, invalid UTF-8, headers too large) as JSON in the shape
 * of the API the raw path belongs to ({@link ApiErrors}), instead of Tomcat's HTML page.
 */
public final class JsonErrorReportValve extends ErrorReportValve {

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    AtomicBoolean ioAllowed = new AtomicBoolean(true);
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get()) {
      return;
    }
    String path = request.getCoyoteRequest().requestURI().toString();
    ApiErrors.Rendered rendered = ApiErrors.render(path, status);
    try {
      response.setContentType(rendered.contentType());
      response.setCharacterEncoding("UTF-8");
      byte[] body = rendered.body().getBytes(StandardCharsets.UTF_8);
      response.getOutputStream().write(body);
      response.finishResponse();
    } catch (IOException | IllegalStateException e) {
      // The client is gone or the response cannot be written: nothing more to tell it.
    }
  }
}
