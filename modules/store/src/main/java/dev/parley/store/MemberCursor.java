package dev.parley.store;

/**
 * A participant's cursors in one channel: everything up to {@code deliveredSeq} was delivered,
 * everything up to {@code readSeq} was read (exceptions above them are not shown here).
 */
public record MemberCursor(String channelId, String channelName, long deliveredSeq, long readSeq, long lastSeq) {}
