package dev.conversation.domain;

import io.vavr.control.Option;
import java.time.Instant;
import java.util.Objects;

/**
 * Something a human must look at on a conversation ("refund over limit", "angry customer").
 * Items are never deleted: clearing one records when.
 *
 * @param id the item's identifier, unique within its conversation
 * @param kind a short machine-readable kind chosen by the host (for example {@code "refund"})
 * @param note what the human should look at
 * @param raisedBy who raised it
 * @param raisedAt when it was raised
 * @param clearedAt when it was cleared, if it has been
 */
public record AttentionItem(
    AttentionId id,
    String kind,
    String note,
    Actor raisedBy,
    Instant raisedAt,
    Option<Instant> clearedAt) {

  /** Creates the item; every argument is required (use {@link Option#none()} for none). */
  public AttentionItem {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(note, "note");
    Objects.requireNonNull(raisedBy, "raisedBy");
    Objects.requireNonNull(raisedAt, "raisedAt");
    Objects.requireNonNull(clearedAt, "clearedAt");
  }

  /** Returns whether the item still needs attention. */
  public boolean isOpen() {
    return clearedAt.isEmpty();
  }
}
