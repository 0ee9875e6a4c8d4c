package dev.parley.store;

/** The outcome of creating a channel: the channel, and whether this call created it. */
public record ChannelCreation(Channel channel, boolean created) {}
