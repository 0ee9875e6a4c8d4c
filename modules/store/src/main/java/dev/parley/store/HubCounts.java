package dev.parley.store;

/** The numbers /health shows; {@code queued} is the total of every participant's pending messages. */
public record HubCounts(long participants, long channels, long messages, long queued) {}
