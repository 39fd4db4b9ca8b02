package dev.conversation.examples.host;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Answers 406, in the API's shape, a request whose {@code Accept} header allows none of what the
 * API answers with (JSON; JSON:API for Klaviyo): the controllers write their own JSON, so nothing
 * else would refuse it. A malformed {@code Accept} header is a 400. No header accepts anything.
 */
final class AcceptCheck implements Filter {

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    String accept = request.getHeader("Accept");
    if (accept == null || accept.isBlank()) {
      chain.doFilter(req, res);
      return;
    }
    String path = request.getRequestURI();
    MediaType produced = MediaType.parseMediaType(ApiErrors.contentType(path));
    int status;
    try {
      List<MediaType> acceptable = MediaType.parseMediaTypes(accept);
      // q=0 means "not this one".
      status = acceptable.stream().filter(m -> m.getQualityValue() > 0).anyMatch(m -> m.isCompatibleWith(produced)
          || m.isCompatibleWith(MediaType.APPLICATION_JSON) && produced.getSubtype().endsWith("+json")) ? 0 : 406;
    } catch (InvalidMediaTypeException e) {
      status = 400;
    }
    if (status == 0) {
      chain.doFilter(req, res);
      return;
    }
    HttpServletResponse response = (HttpServletResponse) res;
    ApiErrors.Rendered rendered = ApiErrors.render(path, status);
    byte[] body = rendered.body().getBytes(StandardCharsets.UTF_8);
    response.setStatus(status);
    response.setContentType(rendered.contentType());
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
