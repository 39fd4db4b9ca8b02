package dev.conversation.examples.host;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Every error Spring MVC or the servlet container sends to {@code /error} (no handler, a method
 * not served, an unacceptable Accept, an unexpected exception), answered in the shape of the API
 * the failed request's path belongs to ({@link ApiErrors}); replaces Boot's error controller and
 * its {@code {"timestamp", ...}} JSON. Written straight to the response, so no content
 * negotiation can turn an error into another one. {@code /error} asked for itself is a 404.
 */
@Controller
class HostErrorController implements ErrorController {

  @RequestMapping("/error")
  void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    int status = code instanceof Integer i && i >= 400 ? i : 404;
    ApiErrors.Rendered rendered = ApiErrors.render(uri == null ? "/error" : uri.toString(), status);
    byte[] body = rendered.body().getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.setContentType(rendered.contentType());
    response.setCharacterEncoding("UTF-8");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
