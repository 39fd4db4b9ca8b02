package dev.conversation.domain;

import io.vavr.collection.HashMap;
import io.vavr.collection.List;
import io.vavr.collection.Map;
import io.vavr.collection.Seq;
import io.vavr.collection.Set;
import io.vavr.control.Option;
import io.vavr.control.Validation;
import java.util.Locale;
import java.util.Objects;
import org.immutables.value.Value;

/**
 * The person on the customer side: how to address and reach them, and the account they belong
 * to. Usually owned by the host's CRM; conversations refer to it by {@link ContactId}.
 * Immutable and thread-safe.
 */
@Value.Immutable
public abstract class Contact {

  Contact() {}

  /** Returns a builder; {@code build()} throws for a blank or oversized name. */
  public static Builder builder() {
    return ImmutableContact.builder();
  }

  /**
   * Checks a contact typed in by a user, reporting every problem at once.
   *
   * @param id the contact's id
   * @param name the display name, if given (1 to {@value Limits#MAX_NAME} characters)
   * @param email the e-mail address, if given
   * @param phone the phone number in E.164 form, if given
   * @return the contact, or every violation found, each naming its field
   */
  public static Validation<Seq<Violation>, Contact> parse(
      ContactId id, Option<String> name, Option<String> email, Option<String> phone) {
    Objects.requireNonNull(id, "id");
    Validation<Violation, Option<String>> checkedName = Text.optional("name", name, Limits.MAX_NAME);
    Validation<Violation, Option<EmailAddress>> checkedEmail =
        Validations.optional(email, e -> EmailAddress.parse("email", e));
    Validation<Violation, Option<PhoneNumber>> checkedPhone =
        Validations.optional(phone, p -> PhoneNumber.parse("phone", p));
    return Validation.combine(checkedName, checkedEmail, checkedPhone)
        .ap((n, e, p) -> (Contact) builder().id(id).name(n).email(e).phone(p).build());
  }

  /** Returns the contact's identifier. */
  public abstract ContactId id();

  /** Returns the display name, if known. */
  @Value.Default
  public Option<String> name() {
    return Option.none();
  }

  /** Returns the e-mail address, if known. */
  @Value.Default
  public Option<EmailAddress> email() {
    return Option.none();
  }

  /** Returns the phone number, if known. */
  @Value.Default
  public Option<PhoneNumber> phone() {
    return Option.none();
  }

  /**
   * Returns the contact's handles on social and workspace channels, and on {@link
   * ChannelType#WEB_CHAT} the visitor id the chat widget gave (its session's address).
   */
  @Value.Default
  public Map<ChannelType, Handle> handles() {
    return HashMap.empty();
  }

  /** Returns the account the contact belongs to, if any. */
  @Value.Default
  public Option<AccountId> accountId() {
    return Option.none();
  }

  /**
   * Returns how to reach the contact on a channel of the given type: the phone number, the
   * e-mail address or the handle the channel needs; none if the contact lacks it or the channel
   * needs nothing.
   */
  public final Option<ContactPoint> pointFor(ChannelType channel) {
    return channel
        .requires()
        .flatMap(
            kind ->
                switch (kind) {
                  case PHONE -> phone().map(ContactPoint.class::cast);
                  case EMAIL -> email().map(ContactPoint.class::cast);
                  case HANDLE -> handles().get(channel).map(ContactPoint.class::cast);
                });
  }

  /**
   * Returns every address this contact can be found by, as {@link #addressKey} spells them: the
   * phone number, the e-mail address, and each handle with its channel type.
   */
  public final Set<String> addressKeys() {
    return handles().map(h -> addressKey(h._1, h._2)).toSet()
        .addAll(phone().map(p -> addressKey(ChannelType.SMS, p)))
        .addAll(email().map(e -> addressKey(ChannelType.EMAIL, e)));
  }

  /**
   * Returns whether the contact holds this address on this channel type (see {@link #addressKey}).
   */
  public final boolean holds(ChannelType channel, ContactPoint address) {
    return addressKeys().contains(addressKey(channel, address));
  }

  /**
   * Returns the key a directory indexes an address under, so that a contact is found by any of
   * its addresses: {@code phone:+15551234567} (the same on SMS, voice and WhatsApp),
   * {@code email:} and the address in lower case (mailboxes treat case alike in practice), and
   * {@code handle:INSTAGRAM:jane} (a handle means something only on its channel type).
   *
   * @param channel the channel type the address was met on; decides only a handle's key
   * @param address the address
   */
  public static String addressKey(ChannelType channel, ContactPoint address) {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(address, "address");
    return switch (address.kind()) {
      case PHONE -> "phone:" + address.value();
      case EMAIL -> "email:" + address.value().toLowerCase(Locale.ROOT);
      case HANDLE -> "handle:" + channel.name() + ":" + address.value();
    };
  }

  @Value.Check
  final void check() {
    Text.orThrow(Text.optional("name", name(), Limits.MAX_NAME));
    List<ChannelType> wrong = handles().keySet()
        .filter(t -> !t.requires().contains(ContactPoint.Kind.HANDLE) && t != ChannelType.WEB_CHAT).toList();
    if (wrong.nonEmpty()) {
      throw new IllegalArgumentException("handles are only for handle channels and web chat, not " + wrong.mkString(", "));
    }
  }

  /** Builds a {@link Contact}. */
  public interface Builder {
    /** Copies every attribute of {@code instance}. */
    Builder from(Contact instance);

    /** Sets the attribute of the same name. */
    Builder id(ContactId id);

    /** Sets the attribute of the same name. */
    Builder name(Option<String> name);

    /** Sets the attribute of the same name. */
    Builder email(Option<EmailAddress> email);

    /** Sets the attribute of the same name. */
    Builder phone(Option<PhoneNumber> phone);

    /** Sets the attribute of the same name. */
    Builder handles(Map<ChannelType, Handle> handles);

    /** Sets the attribute of the same name. */
    Builder accountId(Option<AccountId> accountId);

    /** Returns the contact; throws {@link IllegalArgumentException} naming a broken rule. */
    Contact build();
  }
}
