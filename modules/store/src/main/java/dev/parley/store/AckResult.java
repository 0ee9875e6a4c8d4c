package dev.parley.store;

/**
 * The outcome of a compat ack: how many messages this call marked delivered, and how many are
 * still pending for the participant afterwards.
 */
public record AckResult(long acknowledged, long remaining) {}
