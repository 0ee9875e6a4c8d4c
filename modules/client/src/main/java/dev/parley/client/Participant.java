package dev.parley.client;

import java.time.Instant;

/**
 * A participant as {@code /api/presence} and {@code /api/participants} list it.
 *
 * @param name            its unique name
 * @param displayName     its display name
 * @param participantType {@code ai}, {@code human} or {@code service}
 * @param online          true when it has a live connection
 * @param lastSeenAt      when the hub last heard from it
 * @param hostIp          the address it last connected from
 */
public record Participant(String name, String displayName, String participantType, boolean online,
                          Instant lastSeenAt, String hostIp) {}
