package dev.parley.client;

import java.time.Instant;

/**
 * A channel as {@code /api/channels} lists it.
 *
 * @param channelId    {@code ch-general}, {@code ch-} and 12 hex characters
 * @param name         its name ({@code general}, {@code dm:alice:bob}, ...)
 * @param channelType  {@code group}, {@code dm} or {@code broadcast}
 * @param createdBy    who created it (null for seeded channels)
 * @param topic        its topic (may be empty)
 * @param isPrivate    true for private channels
 * @param createdAt    when it was created
 * @param lastActivity when its last message was sent
 * @param lastSeq      its last message's sequence number (0 when empty, or from a hub without seq)
 */
public record Channel(String channelId, String name, String channelType, String createdBy, String topic,
                      boolean isPrivate, Instant createdAt, Instant lastActivity, long lastSeq) {}
