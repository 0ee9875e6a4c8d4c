package dev.parley.client;

/**
 * The answer to a compat acknowledgement ({@code /api/ack}, {@code /api/ack-all}).
 *
 * @param acknowledged how many messages this call marked delivered
 * @param remaining    how many are still pending for this client
 */
public record AckResult(long acknowledged, long remaining) {}
