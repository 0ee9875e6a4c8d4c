package dev.parley.mcp.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.mcp.hub.HubException;
import dev.parley.mcp.hub.HubParticipant;
import java.util.List;

/** Who is there: presence, participants. */
final class PeopleTools {
    private final HubParticipant me;

    PeopleTools(HubParticipant me) {
        this.me = me;
    }

    List<ParleyTool> tools() {
        return List.of(presence(), participants());
    }

    private ParleyTool presence() {
        Schema schema = Schema.object()
                .string("name", "Only this participant: is it online, and when was it last seen", false);
        return new ParleyTool("presence", "Who is online",
                "Who is connected to the hub right now (or whether one participant is).",
                schema, ParleyTool.Hints.reading(), (args, progress) -> {
                    String name = args.string("name");
                    if (name != null) {
                        return Views.participant(find(me, name));
                    }
                    ArrayNode online = Views.object().arrayNode();
                    int offline = 0;
                    for (JsonNode p : me.rest().getAll("/api/presence")) {
                        if (p.path("is_online").asInt() == 1) {
                            online.add(p.path("name").asText());
                        } else {
                            offline++;
                        }
                    }
                    ObjectNode result = Views.object();
                    result.set("online", online);
                    return result.put("offline_count", offline).put("you", me.name());
                });
    }

    private ParleyTool participants() {
        return new ParleyTool("participants", "List participants",
                "Everyone the hub knows (agents, humans, services), with type and whether they are online.",
                Schema.object(), ParleyTool.Hints.reading(), (args, progress) -> {
                    ArrayNode list = Views.object().arrayNode();
                    me.rest().getAll("/api/participants").forEach(p -> list.add(Views.participant(p)));
                    return Views.object().set("participants", list);
                });
    }

    /** One participant's presence row, or {@code participant_not_found}. */
    static JsonNode find(HubParticipant me, String name) {
        for (JsonNode p : me.rest().getAll("/api/presence")) {
            if (p.path("name").asText().equals(name)) {
                return p;
            }
        }
        throw new HubException("participant_not_found", 404, "participant not found: " + name);
    }
}
