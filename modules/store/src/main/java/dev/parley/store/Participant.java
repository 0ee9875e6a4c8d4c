package dev.parley.store;

/** A registered participant, as /api/presence and /api/participants show it (minus online state). */
public record Participant(String name, String displayName, String participantType, String hardwareId,
                          String createdAt, String lastSeenAt, String hostIp) {}
