package dev.conversation.domain;

/**
 * The documented size limits of user-supplied text. Lengths count Unicode code points, so an
 * emoji counts as one character.
 */
public final class Limits {

  /** Maximum length of a message's content: 16,384 characters. */
  public static final int MAX_CONTENT = 16_384;
  /** Maximum length of a subject: 998 characters (the RFC 5322 line limit). */
  public static final int MAX_SUBJECT = 998;
  /** Maximum length of an AI summary: 4,000 characters. */
  public static final int MAX_SUMMARY = 4_000;
  /** Maximum length of a resolution outcome, a hand-off reason or an attention note. */
  public static final int MAX_NOTE = 1_000;
  /** Maximum length of one tag: 50 characters. */
  public static final int MAX_TAG = 50;
  /** Maximum number of tags on one conversation: 50. */
  public static final int MAX_TAGS = 50;
  /** Maximum length of an identifier, a handle, an idempotency key or a kind: 128 characters. */
  public static final int MAX_ID = 128;
  /** Maximum length of a person's or an organisation's name: 200 characters. */
  public static final int MAX_NAME = 200;
  /**
   * Maximum length of a channel provider's message id: 998 characters (an e-mail
   * {@code Message-ID} may be as long as a header line).
   */
  public static final int MAX_PROVIDER_ID = 998;
  /** Maximum number of source citations on one message: 50. */
  public static final int MAX_CITATIONS = 50;
  /** Maximum number of attachments on one message: 15. */
  public static final int MAX_ATTACHMENTS = 15;
  /** Maximum size of one attachment: 100 MiB (104,857,600 bytes). */
  public static final long MAX_ATTACHMENT_BYTES = 100L * 1024 * 1024;
  /** Maximum length of an attachment's file name: 255 characters. */
  public static final int MAX_ATTACHMENT_NAME = 255;
  /** Maximum length of a URL or storage key (an attachment's location): 2,048 characters. */
  public static final int MAX_LOCATION = 2_048;
  /** Length of the last-message preview kept on the conversation header: 140 characters. */
  public static final int PREVIEW = 140;

  private Limits() {}
}
