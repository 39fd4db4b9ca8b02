package dev.conversation.domain;

/**
 * Identifies a channel instance (one phone number, one mailbox, one chat widget). Immutable; compared by value.
 *
 * @param value 1 to {@value Limits#MAX_ID} non-blank characters, opaque to this library
 */
public record ChannelId(String value) {

  /**
   * Creates the identifier.
   *
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if {@code value} is blank or longer than {@value Limits#MAX_ID}
   */
  public ChannelId {
    Text.requireId(value, "channelId");
  }

  /** Returns the identifier with the given value; see the constructor for the rules. */
  public static ChannelId of(String value) {
    return new ChannelId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
