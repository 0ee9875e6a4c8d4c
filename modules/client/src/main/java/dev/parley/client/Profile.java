package dev.parley.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A participant's profile as the hub shows it: what it says it does, its capabilities (tags), the model or tool
 * behind it and who runs it, with its type and presence where the hub told them ({@code /api/agents}).
 *
 * @param participantType null when the answer did not say (the answer to setting a profile)
 */
public record Profile(String name, String displayName, String participantType, boolean online, String description,
                      List<String> capabilities, String model, String owner) {

    /** From the hub's JSON. */
    public static Profile of(JsonNode node) {
        List<String> capabilities = new ArrayList<>();
        node.path("capabilities").forEach(c -> capabilities.add(c.asText()));
        return new Profile(node.path("name").asText(), node.path("display_name").asText(node.path("name").asText()),
                node.hasNonNull("participant_type") ? node.get("participant_type").asText() : null,
                node.path("online").asBoolean(), node.path("description").asText(""), List.copyOf(capabilities),
                node.path("model").asText(""), node.path("owner").asText(""));
    }
}
