package dev.conversation.persistence;

import dev.conversation.domain.Channel;
import dev.conversation.domain.ChannelId;
import dev.conversation.domain.ChannelType;
import dev.conversation.domain.ContactId;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * Where a customer's inbound messages go: one contact on one channel instance. A store keeps at
 * most one open (not {@linkplain dev.conversation.domain.Status#CLOSED closed}) conversation per
 * route and tenant (see {@link ConversationStore#open}).
 *
 * @param channel the channel type
 * @param instance the channel instance (one WhatsApp number, one mailbox), if the host has several
 * @param contact the contact
 */
public record Route(ChannelType channel, Option<ChannelId> instance, ContactId contact) {

  /** Creates the route; every component is required. */
  public Route {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(instance, "instance");
    Objects.requireNonNull(contact, "contact");
  }

  /** Returns the route of a contact on a channel. */
  public static Route of(Channel channel, ContactId contact) {
    Objects.requireNonNull(channel, "channel");
    return new Route(channel.type(), channel.instance(), contact);
  }

  /**
   * Returns the route as one string, the key a store indexes: the channel type, the instance and
   * the contact, each length-prefixed, so no two routes share a key whatever their ids contain.
   */
  public String key() {
    String in = instance.map(ChannelId::value).getOrElse("");
    return channel.name() + ":" + in.length() + ":" + in + ":" + contact.value();
  }

  @Override
  public String toString() {
    return "route " + channel + instance.map(i -> "/" + i.value()).getOrElse("") + " to " + contact.value();
  }
}
