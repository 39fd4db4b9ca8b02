package dev.conversation.wire.livechatai;

import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Reads LiveChatAI's authentication: an {@code Authorization: Bearer <token>} header (RFC 6750).
 * Pure and thread-safe.
 */
public final class BearerToken {

  /** RFC 6750's b64token: letters, digits and {@code - . _ ~ + /}, then any {@code =} padding. */
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

  private BearerToken() {}

  /**
   * Returns the token of an Authorization header value. The scheme is matched without regard to
   * case ({@code bearer} is {@code Bearer}, as RFC 7235 says), then one or more spaces, then the
   * token; spaces and tabs around the whole value are ignored.
   *
   * @param authorization the header's value, or none when the request has no such header
   * @return the token; {@link LiveChatAiError.MissingToken} when there is no header or it is
   *     blank; {@link LiveChatAiError.MalformedToken} for another scheme, a missing token or a
   *     token with characters RFC 6750 does not allow
   */
  public static Either<LiveChatAiError, String> parse(Option<String> authorization) {
    Objects.requireNonNull(authorization, "authorization");
    String value = authorization.map(v -> v.strip()).getOrElse("");
    if (value.isEmpty()) {
      return Either.left(new LiveChatAiError.MissingToken());
    }
    int space = value.indexOf(' ');
    String scheme = space < 0 ? value : value.substring(0, space);
    if (!scheme.equalsIgnoreCase("Bearer")) {
      return Either.left(new LiveChatAiError.MalformedToken("the scheme must be Bearer"));
    }
    String token = space < 0 ? "" : value.substring(space + 1).stripLeading();
    if (token.isEmpty()) {
      return Either.left(new LiveChatAiError.MalformedToken("the token is missing"));
    }
    if (!TOKEN.matcher(token).matches()) {
      return Either.left(new LiveChatAiError.MalformedToken(
          "the token may hold only letters, digits and - . _ ~ + / followed by = padding"));
    }
    return Either.right(token);
  }
}
