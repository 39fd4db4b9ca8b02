package dev.conversation.wire.klaviyo;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Builds the resource's links: Klaviyo's paths under a base URL, with ids encoded as path segments. */
final class Links {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private Links() {}

  /**
   * Checks and normalizes a base URL: absolute {@code http} or {@code https} with a host, no user
   * information, query or fragment; a trailing slash is dropped so that paths can be appended.
   *
   * @throws IllegalArgumentException naming the rule the URL breaks
   */
  static String base(String baseUrl) {
    URI uri;
    try {
      uri = new URI(baseUrl);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL, was '" + baseUrl + "': " + e.getMessage(), e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL with a host, was '" + baseUrl + "'");
    }
    if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("baseUrl must have no user information, query or fragment, was '" + baseUrl + "'");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return scheme + "://" + uri.getRawAuthority() + path;
  }

  /**
   * Encodes an identifier as one path segment: every UTF-8 byte outside RFC 3986's unreserved
   * characters ({@code A-Z a-z 0-9 - . _ ~}) is percent-encoded, and so are the dots of an id
   * that is exactly {@code .} or {@code ..}, which URL normalization would otherwise remove as a
   * dot-segment.
   */
  static String segment(String id) {
    boolean dotSegment = id.equals(".") || id.equals("..");
    StringBuilder out = new StringBuilder(id.length() + 8);
    for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      boolean unreserved = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
          || c == '-' || c == '_' || c == '~' || c == '.' && !dotSegment;
      if (unreserved) {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    return out.toString();
  }
}
