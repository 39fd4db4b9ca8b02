package dev.conversation.wire.livechatai;

import dev.conversation.wire.ApiError;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Reads LiveChatAI's authentication: an {@code Authorization: Bearer <token>} header (RFC 6750).
 * A host may use it for every API that takes a bearer token. Pure and thread-safe.
 */
public final class BearerToken {

  /** The header a bearer token is sent in: the field of every token error. */
  static final String AUTHORIZATION = "Authorization";

  /** RFC 6750's b64token: letters, digits and {@code - . _ ~ + /}, then any {@code =} padding. */
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

  private BearerToken() {}

  /**
   * Returns the token of an Authorization header value. The scheme is matched without regard to
   * case ({@code bearer} is {@code Bearer}, as RFC 7235 says), then one or more spaces, then the
   * token; spaces and tabs around the whole value are ignored.
   *
   * <p>Every error is a 401 {@link ApiError} for field {@code Authorization} whose message never
   * repeats the header's value:
   *
   * <table>
   *   <caption>errors and their rules</caption>
   *   <tr><th>header</th><th>rule</th><th>message</th></tr>
   *   <tr><td>none, or blank</td><td>{@code required}</td>
   *       <td>the Authorization header is missing; send 'Authorization: Bearer &lt;token&gt;'</td></tr>
   *   <tr><td>another scheme</td><td>{@code bearer-scheme}</td>
   *       <td>the Authorization header must be 'Bearer &lt;token&gt;': the scheme must be Bearer</td></tr>
   *   <tr><td>no token</td><td>{@code token-required}</td>
   *       <td>... : the token is missing</td></tr>
   *   <tr><td>a token with characters RFC 6750 does not allow</td><td>{@code b64token}</td>
   *       <td>... : the token may hold only letters, digits and - . _ ~ + / followed by = padding</td></tr>
   * </table>
   *
   * @param authorization the header's value, or none when the request has no such header
   * @return the token, or why the header holds none
   */
  public static Either<ApiError, String> parse(Option<String> authorization) {
    Objects.requireNonNull(authorization, "authorization");
    String value = authorization.map(v -> v.strip()).getOrElse("");
    if (value.isEmpty()) {
      return Either.left(ApiError.unauthorized(AUTHORIZATION, "required",
          "the Authorization header is missing; send 'Authorization: Bearer <token>'"));
    }
    int space = value.indexOf(' ');
    String scheme = space < 0 ? value : value.substring(0, space);
    if (!scheme.equalsIgnoreCase("Bearer")) {
      return Either.left(malformed("bearer-scheme", "the scheme must be Bearer"));
    }
    String token = space < 0 ? "" : value.substring(space + 1).stripLeading();
    if (token.isEmpty()) {
      return Either.left(malformed("token-required", "the token is missing"));
    }
    if (!TOKEN.matcher(token).matches()) {
      return Either.left(malformed("b64token", "the token may hold only letters, digits and - . _ ~ + / followed by = padding"));
    }
    return Either.right(token);
  }

  /** A header that is not {@code Bearer <token>}; {@code problem} says what is wrong, without the header's value. */
  private static ApiError malformed(String rule, String problem) {
    return ApiError.unauthorized(AUTHORIZATION, rule, "the Authorization header must be 'Bearer <token>': " + problem);
  }
}
