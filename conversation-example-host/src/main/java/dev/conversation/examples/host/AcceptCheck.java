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

  /**
   * Whether the ranges accept the type: the most specific range that matches it decides, by its
   * quality (RFC 9110 12.5.1: {@code application/json;q=0, *}{@code /*} refuses JSON). A
   * {@code +json} type is matched by {@code application/json} too.
   */
  static boolean acceptable(List<MediaType> ranges, MediaType produced) {
    int best = -1;
    double quality = 0;
    for (MediaType range : ranges) {
      boolean matches = range.includes(produced)
          || produced.getSubtype().endsWith("+json") && range.includes(MediaType.APPLICATION_JSON);
      if (!matches) {
        continue;
      }
      int specificity = range.isWildcardType() ? 0 : range.isWildcardSubtype() ? 1 : 2;
      if (specificity > best || specificity == best && range.getQualityValue() > quality) {
        best = specificity;
        quality = range.getQualityValue();
      }
    }
    return best >= 0 && quality > 0;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
    HttpServletRequest request = (HttpServletRequest) req;
    // Every Accept header counts; OPTIONS answers with no body, so nothing is refused for it.
    List<String> headers = java.util.Collections.list(request.getHeaders("Accept"));
    if (headers.stream().allMatch(String::isBlank) || "OPTIONS".equals(request.getMethod())) {
      chain.doFilter(req, res);
      return;
    }
    String path = request.getRequestURI();
    MediaType produced = MediaType.parseMediaType(ApiErrors.contentType(path));
    int status;
    try {
      status = acceptable(MediaType.parseMediaTypes(headers), produced) ? 0 : 406;
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
