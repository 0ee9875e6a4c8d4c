package dev.parley.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.protocol.Json;
import dev.parley.testing.RestProbe;

/** A REST participant for the browser tests: seeds channels and messages the way an agent or CLI would. */
final class HubRest {
    private final RestProbe probe;

    HubRest(int port) {
        this.probe = RestProbe.at(port);
    }

    String base() {
        return probe.base();
    }

    /** POST /api/send; returns the stored message. */
    JsonNode send(String sender, String channel, String body) {
        return post("/api/send", Json.mapper().createObjectNode().put("sender", sender).put("channel", channel)
                .put("body", body));
    }

    JsonNode createChannel(String name, String createdBy, String topic) {
        return post("/api/channels/create", Json.mapper().createObjectNode().put("name", name)
                .put("created_by", createdBy).put("topic", topic));
    }

    JsonNode join(String channel, String participant) {
        return post("/api/channels/join", Json.mapper().createObjectNode().put("channel", channel)
                .put("participant", participant));
    }

    JsonNode get(String path) {
        return probe.getJson(path);
    }

    JsonNode post(String path, JsonNode body) {
        return probe.postJson(path, body);
    }
}
