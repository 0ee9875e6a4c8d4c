package dev.parley.client;

/**
 * What {@link ParleyClient#createChannelIfAbsent(String, String)} found.
 *
 * @param channel the channel, new or existing
 * @param created true when this call created it, false when one with the name existed
 */
public record ChannelCreation(Channel channel, boolean created) {}
