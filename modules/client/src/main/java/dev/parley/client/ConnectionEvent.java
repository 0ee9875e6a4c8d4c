package dev.parley.client;

/**
 * The client's connection changed state.
 *
 * @param state   the new state
 * @param attempt for {@link ConnectionState#RECONNECTING}, how many attempts failed so far; 0 otherwise
 * @param detail  why (the cause of a loss, the hub's refusal), or null
 */
public record ConnectionEvent(ConnectionState state, int attempt, String detail) implements ParleyEvent {}
