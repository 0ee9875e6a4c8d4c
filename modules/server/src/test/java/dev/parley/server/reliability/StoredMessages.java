package dev.parley.server.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.RestProbe;
import java.util.ArrayList;
import java.util.List;

/** What a hub stored, read back through its REST API. */
final class StoredMessages {
    private static final int PAGE = 1000;

    private StoredMessages() {}

    /**
     * Every message of a channel in seq order, paged with {@code after_seq} (deleted ones included),
     * i.e. exactly what the hub stored.
     */
    static List<JsonNode> all(RestProbe hub, String channel) {
        List<JsonNode> all = new ArrayList<>();
        long after = 0;
        while (true) {
            JsonNode page = hub.getJson("/api/messages/" + channel + "?after_seq=" + after + "&limit=" + PAGE);
            page.forEach(all::add);
            if (page.size() < PAGE) {
                return all;
            }
            after = page.get(page.size() - 1).get("seq").asLong();
        }
    }
}
