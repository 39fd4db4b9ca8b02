package dev.conversation.domain;

import io.vavr.control.Option;
import java.util.Objects;

/**
 * The channel a conversation runs on: its type and, where the host has several, which instance
 * (one WhatsApp number, one support mailbox).
 *
 * @param type the channel type
 * @param instance the channel instance, if the host distinguishes them
 */
public record Channel(ChannelType type, Option<ChannelId> instance) {

  /** Creates the channel; both arguments are required (use {@link Option#none()} for none). */
  public Channel {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(instance, "instance");
  }

  /** Returns a channel of the given type with no particular instance. */
  public static Channel of(ChannelType type) {
    return WITHOUT_INSTANCE[type.ordinal()];
  }

  /** One shared value per type for the channels without an instance (most), so headers do not each hold one. */
  private static final Channel[] WITHOUT_INSTANCE = java.util.Arrays.stream(ChannelType.values())
      .map(t -> new Channel(t, Option.none())).toArray(Channel[]::new);

  /** Returns a channel of the given type and instance. */
  public static Channel of(ChannelType type, ChannelId instance) {
    return new Channel(type, Option.some(instance));
  }

  /**
   * Returns a channel of the given type and optional instance: without one, the value {@link
   * #of(ChannelType)} shares.
   */
  public static Channel of(ChannelType type, Option<ChannelId> instance) {
    Objects.requireNonNull(instance, "instance");
    return instance.isEmpty() ? of(type) : new Channel(type, instance);
  }
}
