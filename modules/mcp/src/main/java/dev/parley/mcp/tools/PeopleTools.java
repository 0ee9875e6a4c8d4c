package dev.parley.mcp.tools;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.client.ParleyException;
import dev.parley.client.Participant;
import dev.parley.mcp.session.AgentSession;
import java.util.List;

/** Who is there: presence, participants. */
final class PeopleTools {
    private final AgentSession me;

    PeopleTools(AgentSession me) {
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
                    for (Participant p : me.client().presence()) {
                        if (p.online()) {
                            online.add(p.name());
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
                    me.client().participants().forEach(p -> list.add(Views.participant(p)));
                    return Views.object().set("participants", list);
                });
    }

    /** One participant's presence, or {@code participant_not_found}. */
    static Participant find(AgentSession me, String name) {
        for (Participant p : me.client().presence()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new ParleyException("participant_not_found", "participant not found: " + name);
    }
}
