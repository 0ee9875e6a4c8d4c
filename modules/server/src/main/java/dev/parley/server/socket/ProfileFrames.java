package dev.parley.server.socket;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.InboundFrame;
import dev.parley.server.HubServices;
import dev.parley.server.people.Directory;
import dev.parley.server.people.ProfileInput;
import dev.parley.server.session.Session;
import dev.parley.server.wire.WireFormat;

/**
 * The {@code profiles} extension on the socket: {@code set_profile} → {@code profile} {@code participant}, and
 * {@code find_agents} {@code capability} or {@code q} → {@code agents} {@code agents}; answers echo
 * {@code client_msg_id}.
 */
final class ProfileFrames {
    private final HubServices hub;

    ProfileFrames(HubServices hub) {
        this.hub = hub;
    }

    void set(Session session, InboundFrame frame, FrameDispatcher.FailureReply failed) {
        ProfileInput input = ProfileInput.of(frame.string("description"), frame.strings("capabilities"),
                frame.string("model"), frame.string("owner"));
        String me = session.participant();
        hub.directory().setProfile(me, input).whenComplete((profile, failure) -> {
            if (failure != null) {
                failed.reply(session, frame, failure);
            } else {
                ObjectNode out = Replies.to(frame, "profile");
                out.set("participant", Directory.view(profile));
                session.send(WireFormat.text(out));
            }
        });
    }

    void find(Session session, InboundFrame frame) {
        ArrayNode agents = WireFormat.object().arrayNode();
        hub.directory().findAgents(frame.string("capability"), frame.string("q"))
                .forEach(e -> agents.add(Directory.view(e)));
        ObjectNode out = Replies.to(frame, "agents");
        out.set("agents", agents);
        session.send(WireFormat.text(out));
    }
}
