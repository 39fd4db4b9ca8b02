package dev.conversation.domain;

import io.vavr.control.Option;
import java.util.Objects;

/**
 * A knowledge source an AI reply drew on.
 *
 * @param sourceId the source's identifier in the host's knowledge base, if any
 * @param type the kind of source
 * @param link where the source can be read, if it has an address
 * @param distance the retrieval distance (smaller is closer); finite and not negative
 */
public record Citation(Option<String> sourceId, SourceType type, Option<String> link, double distance) {

  /**
   * Creates the citation.
   *
   * @throws IllegalArgumentException if {@code distance} is negative, infinite or NaN, or an
   *     id or link is blank or too long (ids {@value Limits#MAX_ID}, links 2,048 characters)
   */
  public Citation {
    Objects.requireNonNull(sourceId, "sourceId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(link, "link");
    Text.orThrow(Text.optional("sourceId", sourceId, Limits.MAX_ID));
    Text.orThrow(Text.optional("link", link, 2_048));
    if (!(distance >= 0) || Double.isInfinite(distance)) {
      throw new IllegalArgumentException("distance must be finite and >= 0, was " + distance);
    }
  }

  /** Returns a citation of a linked source. */
  public static Citation of(SourceType type, String link, double distance) {
    return new Citation(Option.none(), type, Option.some(link), distance);
  }
}
