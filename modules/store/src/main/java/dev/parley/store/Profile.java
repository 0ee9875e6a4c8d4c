package dev.parley.store;

import java.util.List;

/**
 * What a participant says about itself: a description, capabilities (lower-case tags), the model or tool behind it,
 * and who runs it. A participant without one has {@link #empty}.
 */
public record Profile(String participant, String description, List<String> capabilities, String model, String owner,
                      String updatedAt) {
    public Profile {
        capabilities = List.copyOf(capabilities);
    }

    /** No profile yet. */
    public static Profile empty(String participant) {
        return new Profile(participant, "", List.of(), "", "", null);
    }
}
