package dev.parley.client;

/**
 * A message in one of this client's channels was edited by its sender.
 *
 * @param message the message as it is now (its {@link Message#editedAt()} is set)
 */
public record EditEvent(Message message) implements ParleyEvent {}
