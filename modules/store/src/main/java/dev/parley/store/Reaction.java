package dev.parley.store;

/** One participant's emoji on a message. */
public record Reaction(String messageId, String participant, String emoji, String createdAt) {}
