package dev.parley.store;

/**
 * A channel as /api/channels shows it, plus {@code lastSeq}: the seq of its newest message.
 *
 * @param channelType {@code group}, {@code dm} or {@code broadcast}
 */
public record Channel(String channelId, String name, String channelType, String createdBy, String topic,
                      boolean isPrivate, String createdAt, String lastActivity, long lastSeq) {}
