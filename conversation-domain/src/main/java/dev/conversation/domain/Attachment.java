package dev.conversation.domain;

import io.vavr.collection.List;
import io.vavr.collection.Seq;
import io.vavr.control.Option;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A file sent with a message: its metadata only. The library never fetches, stores or scans the
 * file; the host keeps it (in the channel provider's storage or its own object store) and
 * {@link #location()} says where.
 *
 * <p>The limits are checked when a message is decided, so that a bad attachment is reported
 * as a {@link Violation} naming its field ({@code attachments[i].name} and so on) with the
 * rest of the message's problems:
 * <ul>
 *   <li>{@code name}: 1 to {@value Limits#MAX_ATTACHMENT_NAME} characters, not blank;
 *   <li>{@code mediaType}: {@code type/subtype} as RFC 6838 names them, without parameters
 *       ({@code image/png}, {@code application/pdf}), at most 255 characters;
 *   <li>{@code size}: 0 to {@value Limits#MAX_ATTACHMENT_BYTES} bytes;
 *   <li>{@code location}: a URL or a storage key, 1 to {@value Limits#MAX_LOCATION} characters;
 *   <li>{@code caption}: optional, 1 to {@value Limits#MAX_NOTE} characters.
 * </ul>
 *
 * @param name the file's name as the sender gave it
 * @param mediaType its media type, for example {@code image/jpeg}
 * @param size its size in bytes
 * @param location where the host keeps it: a URL or a key in the host's storage
 * @param caption the sender's caption for it, if any
 */
public record Attachment(String name, String mediaType, long size, String location, Option<String> caption) {

  /** RFC 6838 section 4.2: restricted names, one slash, no parameters. */
  private static final Pattern MEDIA_TYPE =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}");

  /** Creates the attachment; every component is required (use {@link Option#none()} for no caption). */
  public Attachment {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(caption, "caption");
  }

  /** Returns an attachment without a caption. */
  public static Attachment of(String name, String mediaType, long size, String location) {
    return new Attachment(name, mediaType, size, location, Option.none());
  }

  /** Returns this attachment with a caption. */
  public Attachment withCaption(String caption) {
    return new Attachment(name, mediaType, size, location, Option.some(caption));
  }

  /** Returns whether its media type is an image ({@code image/*}). */
  public boolean isImage() {
    return mediaType.regionMatches(true, 0, "image/", 0, 6);
  }

  /** The broken limits of one attachment, fields prefixed with {@code field} ({@code attachments[2]}). */
  Seq<Violation> problems(String field) {
    List<Violation> problems = List.ofAll(Validations.violations(
        Text.required(field + ".name", name, Limits.MAX_ATTACHMENT_NAME),
        Text.required(field + ".location", location, Limits.MAX_LOCATION),
        Text.optional(field + ".caption", caption, Limits.MAX_NOTE)));
    if (!MEDIA_TYPE.matcher(mediaType).matches()) {
      problems = problems.append(new Violation(field + ".mediaType", "media-type",
          field + ".mediaType must be type/subtype as RFC 6838 names them (for example image/png), was '"
              + clip(mediaType) + "'"));
    }
    if (size < 0 || size > Limits.MAX_ATTACHMENT_BYTES) {
      problems = problems.append(new Violation(field + ".size", "range",
          field + ".size must be 0 to " + Limits.MAX_ATTACHMENT_BYTES + " bytes, was " + size));
    }
    return problems;
  }

  /** The broken limits of a message's attachments: the count, then each attachment's. */
  static Seq<Violation> problems(Seq<Attachment> attachments) {
    List<Violation> problems = List.empty();
    if (attachments.size() > Limits.MAX_ATTACHMENTS) {
      problems = problems.append(new Violation("attachments", "max-count",
          "a message has at most " + Limits.MAX_ATTACHMENTS + " attachments, was " + attachments.size()));
    }
    int i = 0;
    for (Attachment a : attachments) {
      problems = problems.appendAll(a.problems("attachments[" + i++ + "]"));
    }
    return problems;
  }

  private static String clip(String value) {
    return value.length() <= 64 ? value : value.substring(0, 64) + "…";
  }
}
