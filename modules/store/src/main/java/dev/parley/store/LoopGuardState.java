package dev.parley.store;

/**
 * A channel's loop guard as it stands: its own limit (null: the hub's), how many agent messages it has had in a row
 * since a human's, and since when agent messages are refused (null: they are not).
 */
public record LoopGuardState(String channelId, Integer limit, int agentStreak, String trippedAt) {}
