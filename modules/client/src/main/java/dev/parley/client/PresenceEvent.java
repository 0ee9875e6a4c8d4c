package dev.parley.client;

import java.time.Instant;

/**
 * A participant who shares a channel with this client came online or went offline.
 *
 * @param participant the participant's name
 * @param online      true when it came online
 * @param timestamp   when the hub saw the change (null if the hub did not say)
 */
public record PresenceEvent(String participant, boolean online, Instant timestamp) implements ParleyEvent {}
