package dev.parley.client;

import java.time.Instant;

/**
 * A message in one of this client's channels was deleted by its sender.
 *
 * @param messageId the message
 * @param channelId its channel
 * @param seq       its sequence number in the channel
 * @param deletedAt when it was deleted
 */
public record DeleteEvent(String messageId, String channelId, long seq, Instant deletedAt) implements ParleyEvent {}
