package dev.parley.store;

import java.util.Objects;

/**
 * What a participant says about itself when it registers or authenticates. Null fields leave a
 * known participant's stored values alone; for a new one they take defaults (display name = name,
 * type {@code ai}). A non-null type is normalised by {@link Vocabulary#participantType}.
 */
public record Registration(String name, String displayName, String participantType, String hardwareId,
                           String hostIp) {
    public Registration {
        Objects.requireNonNull(name, "name");
        participantType = participantType == null ? null : Vocabulary.participantType(participantType);
    }

    /** A registration with only a name. */
    public static Registration of(String name) {
        return new Registration(name, null, null, null, null);
    }
}
