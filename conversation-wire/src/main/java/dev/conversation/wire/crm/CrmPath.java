package dev.conversation.wire.crm;

import dev.conversation.domain.ConversationId;
import dev.conversation.domain.Limits;
import dev.conversation.wire.ApiError;
import io.vavr.control.Either;
import java.util.Objects;

/**
 * The request side of {@code GET /api/conversations/{id}}: reads the path id.
 *
 * <p>The document declares {@code id} as {@code string format: uuid}, but its own examples
 * ({@code w1a2b3c4-...}, {@code ch1a2b3c-...}) are not UUIDs, and our ids are opaque strings (a
 * host may supply its own). So the check is lenient: an id is accepted exactly when it is a valid
 * {@link ConversationId} (1 to {@value Limits#MAX_ID} characters, not blank, well-formed Unicode);
 * anything else is a 400 naming the rule, and an id that is well-formed but unknown is a 404. The
 * host URL-decodes the path segment before calling this. Stateless and thread-safe.
 */
final class CrmPath {

  /** The name of the path parameter, as the document spells it. */
  static final String ID = "id";

  private static final int EXCERPT = 40;

  private CrmPath() {}

  /**
   * Reads the conversation id from the (already URL-decoded) path segment.
   *
   * @param raw the path segment
   * @return the id, or a 400 {@link ApiError} for field {@value #ID} with rule {@code not-blank},
   *     {@code max-length} or {@code malformed-text}
   * @throws NullPointerException if {@code raw} is null (the router always has a segment)
   */
  static Either<ApiError, ConversationId> conversationId(String raw) {
    Objects.requireNonNull(raw, "raw");
    return ConversationId.parse(ID, raw).toEither().mapLeft(ApiError::invalid);
  }

  /**
   * Returns client input fit to quote in an error message: at most 40 characters, control
   * characters and unpaired surrogates replaced by {@code ?}, an ellipsis when cut.
   */
  static String excerpt(String input) {
    StringBuilder out = new StringBuilder();
    int[] points = input.codePoints().limit(EXCERPT + 1L).toArray();
    for (int i = 0; i < Math.min(points.length, EXCERPT); i++) {
      int cp = points[i];
      boolean printable = !Character.isISOControl(cp) && Character.getType(cp) != Character.SURROGATE;
      out.appendCodePoint(printable ? cp : '?');
    }
    return points.length > EXCERPT ? out.append('…').toString() : out.toString();
  }
}
