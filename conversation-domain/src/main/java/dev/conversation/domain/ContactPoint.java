package dev.conversation.domain;

/**
 * Where a customer can be reached on a channel: a phone number, an e-mail address or a
 * platform handle. Which one a channel needs is {@link ChannelType#requires()}.
 */
public sealed interface ContactPoint permits PhoneNumber, EmailAddress, Handle {

  /** The kind of contact point. */
  enum Kind {
    /** An E.164 phone number ({@link PhoneNumber}). */
    PHONE,
    /** An e-mail address ({@link EmailAddress}). */
    EMAIL,
    /** A platform handle ({@link Handle}). */
    HANDLE
  }

  /** Returns this contact point's kind. */
  Kind kind();

  /** Returns the contact point as text, exactly as validated. */
  String value();
}
