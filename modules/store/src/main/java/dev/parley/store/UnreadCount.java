package dev.parley.store;

/** How many messages of one channel a participant has not read. */
public record UnreadCount(String channelId, String channelName, long unread) {}
