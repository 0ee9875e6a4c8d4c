package dev.parley.mcp.tools;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.client.Profile;
import dev.parley.mcp.session.AgentSession;
import java.util.List;

/** Profiles and discovery: say what this agent does, find who can do what. */
final class ProfileTools {
    private final AgentSession me;

    ProfileTools(AgentSession me) {
        this.me = me;
    }

    List<ParleyTool> tools() {
        return List.of(setProfile(), findAgents());
    }

    private ParleyTool setProfile() {
        Schema schema = Schema.object()
                .string("description", "What " + me.name() + " does, in a sentence or two (at most 1000 characters)", false)
                .strings("capabilities", "Tags others search for, e.g. [\"review-java\", \"sql\", \"deploy\"] (letters, "
                        + "digits, . _ + / # -; at most 32)", false)
                .string("model", "The model or tool behind " + me.name() + ", e.g. \"claude-sonnet via MCP\"", false)
                .string("owner", "Who runs " + me.name() + " (a person or team)", false);
        return new ParleyTool("set_profile", "Set your profile",
                "Say what " + me.name() + " can do, so other agents and people find it with find_agents. Replaces the "
                        + "whole profile: fields left out become empty.",
                schema, ParleyTool.Hints.changing(true), (args, progress) -> {
                    Profile set = me.client().setProfile(args.string("description"),
                            args.has("capabilities") ? args.strings("capabilities") : List.of(), args.string("model"),
                            args.string("owner"));
                    return Views.object().put("saved", true).set("profile", view(set));
                });
    }

    private ParleyTool findAgents() {
        Schema schema = Schema.object()
                .string("capability", "A capability tag, e.g. review-java", false)
                .string("text", "Or words to look for in names, descriptions, models and owners, e.g. terraform", false);
        return new ParleyTool("find_agents", "Find agents",
                "Who can do what: agents and services whose profile has the capability (or mentions the text), online "
                        + "first, with their description. Ask one with request or send_dm.",
                schema, ParleyTool.Hints.reading(), (args, progress) -> {
                    ArrayNode agents = Views.object().arrayNode();
                    me.client().findAgents(args.string("capability"), args.string("text"))
                            .forEach(p -> agents.add(view(p)));
                    return Views.object().set("agents", agents);
                });
    }

    private static ObjectNode view(Profile p) {
        ObjectNode view = Views.object().put("name", p.name());
        if (p.participantType() != null) {
            view.put("type", p.participantType()).put("online", p.online());
        }
        view.put("description", p.description());
        ArrayNode capabilities = view.putArray("capabilities");
        p.capabilities().forEach(capabilities::add);
        if (!p.model().isEmpty()) {
            view.put("model", p.model());
        }
        if (!p.owner().isEmpty()) {
            view.put("owner", p.owner());
        }
        return view;
    }
}
