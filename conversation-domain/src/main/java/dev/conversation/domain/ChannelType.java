package dev.conversation.domain;

import io.vavr.control.Option;

/**
 * The kinds of channel a conversation runs on, each with the contact point it needs to reach
 * the customer.
 */
public enum ChannelType {
  /** Text messages; needs an E.164 phone number. */
  SMS(ContactPoint.Kind.PHONE),
  /** Phone calls; needs an E.164 phone number. */
  VOICE(ContactPoint.Kind.PHONE),
  /** WhatsApp; needs an E.164 phone number. */
  WHATSAPP(ContactPoint.Kind.PHONE),
  /** E-mail; needs an e-mail address. */
  EMAIL(ContactPoint.Kind.EMAIL),
  /** Instagram direct messages; needs a handle. */
  INSTAGRAM(ContactPoint.Kind.HANDLE),
  /** Facebook Messenger; needs a handle. */
  FACEBOOK(ContactPoint.Kind.HANDLE),
  /** Slack; needs a handle. */
  SLACK(ContactPoint.Kind.HANDLE),
  /** A chat widget on the host's site; needs nothing (the session is the address). */
  WEB_CHAT(null);

  // Built once: the structural check of every new conversation value asks for it.
  private final Option<ContactPoint.Kind> requires;

  ChannelType(ContactPoint.@org.jspecify.annotations.Nullable Kind requires) {
    this.requires = Option.of(requires);
  }

  /** Returns the kind of contact point this channel needs, or none for {@link #WEB_CHAT}. */
  public Option<ContactPoint.Kind> requires() {
    return requires;
  }
}
