package dev.parley.server.socket;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.InboundFrame;
import dev.parley.server.wire.WireFormat;

/** The answer frame to a client's request frame: of its own type, echoing the request's {@code client_msg_id}. */
final class Replies {
    private Replies() {}

    /** A frame of {@code type} answering {@code request}. */
    static ObjectNode to(InboundFrame request, String type) {
        ObjectNode out = WireFormat.frame(type);
        String correlation = request.string("client_msg_id");
        if (correlation != null) {
            out.put("client_msg_id", correlation);
        }
        return out;
    }
}
