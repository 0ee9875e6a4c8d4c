package dev.parley.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every REST endpoint the client uses, as typed calls made on behalf of one participant. Blocking;
 * thread-safe. Used where the socket has no frame for the job (channels, presence, search, ...),
 * where a frame has no correlated answer (history, edit, delete, react), and for sends in compat mode.
 * Tools that act for many participants (the bench) make one per participant with {@link #as}; a
 * refused call throws {@link ParleyException} with the hub's code.
 */
public final class RestCalls {
    private final HubHttp http;
    private final String me;

    RestCalls(HubHttp http, String me) {
        this.http = http;
        this.me = me;
    }

    /**
     * {@code POST /api/channels/{ch}/files}: uploads a file and posts it as a {@code file_ref}; the hub's answer
     * (attachment_id, sha256, size, name, content_type, url, and the message).
     */
    public JsonNode uploadFile(String channel, String name, String contentType, byte[] bytes, String text) {
        return http.postBytes("/api/channels/" + HubHttp.encode(channel) + "/files?name=" + HubHttp.encode(name)
                + (text == null ? "" : "&text=" + HubHttp.encode(text)), contentType, bytes);
    }

    /** {@code GET /api/attachments/{id}}: a file's bytes, as its reader may read them. */
    public HubHttp.Download downloadFile(String attachmentId) {
        return http.getBytes("/api/attachments/" + HubHttp.encode(attachmentId));
    }

    /**
     * {@code POST /api/send}: the compat way to send that still answers with the stored message.
     *
     * @param clientMsgId the idempotency key, or null for none
     */
    public Message send(SendRequest request, String clientMsgId) {
        ObjectNode body = Wire.object().put("sender", me).put("channel", request.channel()).put("body", request.body());
        putIfSet(body, "message_type", request.messageType());
        putIfSet(body, "priority", request.priority());
        putIfSet(body, "reply_to", request.replyTo());
        putIfSet(body, "to", request.to());
        putIfSet(body, "client_msg_id", clientMsgId);
        if (request.metadata() != null) {
            body.set("metadata", Wire.tree(request.metadata()));
        }
        return Wire.message(http.post("/api/send", body));
    }

    Channel dm(String other) {
        return Wire.channel(http.post("/api/dm", Wire.object().put("participant_a", me).put("participant_b", other)));
    }

    List<Message> history(String channel, int limit) {
        return Wire.list(http.get("/api/messages/" + HubHttp.encode(channel) + "?limit=" + limit), Wire::message);
    }

    List<Message> historyAfter(String channel, long afterSeq, int limit) {
        return Wire.list(http.get("/api/messages/" + HubHttp.encode(channel) + "?after_seq=" + afterSeq + "&limit=" + limit),
                Wire::message);
    }

    List<Message> thread(String messageId) {
        return Wire.list(http.get("/api/thread/" + HubHttp.encode(messageId)), Wire::message);
    }

    Message message(String messageId) {
        return Wire.message(http.get("/api/message/" + HubHttp.encode(messageId)));
    }

    Message edit(String messageId, String body) {
        return Wire.message(http.call("PATCH", "/api/messages/" + HubHttp.encode(messageId),
                Wire.object().put("participant", me).put("body", body)));
    }

    Message delete(String messageId) {
        return Wire.message(http.call("DELETE", "/api/messages/" + HubHttp.encode(messageId) + "?participant="
                + HubHttp.encode(me), null));
    }

    /** {@code remove}: true removes, false adds, null toggles. */
    ReactionChange react(String messageId, String emoji, Boolean remove) {
        ObjectNode body = Wire.object().put("message_id", messageId).put("participant", me).put("emoji", emoji);
        if (remove != null) {
            body.put("remove", remove);
        }
        JsonNode answer = http.post("/api/react", body);
        Map<String, List<String>> reactions = new LinkedHashMap<>();
        answer.path("reactions").forEach(r -> reactions
                .computeIfAbsent(r.path("emoji").asText(), e -> new ArrayList<>()).add(r.path("participant").asText()));
        return new ReactionChange(Wire.string(answer, "message_id"), Wire.string(answer, "emoji"),
                !"remove".equals(Wire.string(answer, "action")), answer.path("changed").asBoolean(true), reactions);
    }

    List<Channel> channels() {
        return Wire.list(http.getAll("/api/channels"), Wire::channel);
    }

    /** {@code POST /api/channels/create}: the channel, and whether this call created it (and so joined it). */
    public ChannelCreation createChannel(String name, String topic) {
        ObjectNode body = Wire.object().put("name", name).put("created_by", me);
        putIfSet(body, "topic", topic);
        HubHttp.Answer answer = http.exchange("POST", "/api/channels/create", body);
        return new ChannelCreation(Wire.channel(answer.body()), answer.status() == 201);
    }

    /** {@code POST /api/channels/join}: this participant joins the channel. */
    public Channel join(String channel) {
        return Wire.channel(http.post("/api/channels/join", Wire.object().put("channel", channel).put("participant", me)));
    }

    /**
     * A channel life-cycle change ({@code leave}, {@code rename}, {@code topic}, {@code archive}, {@code unarchive},
     * {@code delete}) as this participant, with one more field if the change takes one; answers the channel.
     */
    Channel changeChannel(String change, String channel, String field, String value) {
        var body = Wire.object().put("channel", channel).put("participant", me);
        if (field != null) {
            body.put(field, value);
        }
        return Wire.channel(http.post("/api/channels/" + change, body));
    }

    List<Participant> presence() {
        return Wire.list(http.getAll("/api/presence"), Wire::participant);
    }

    List<Participant> participants() {
        return Wire.list(http.getAll("/api/participants"), Wire::participant);
    }

    List<Unread> unread() {
        return Wire.list(http.get("/api/unread/" + HubHttp.encode(me)), Wire::unread);
    }

    List<Message> pending() {
        return Wire.list(http.get("/api/pending/" + HubHttp.encode(me)), Wire::message);
    }

    List<Message> search(String query, int limit) {
        return Wire.list(http.get("/api/search?q=" + HubHttp.encode(query) + "&limit=" + limit), Wire::message);
    }

    /** Search narrowed to the channels this participant is a member of. */
    List<Message> searchJoined(String query, int limit) {
        return Wire.list(http.get("/api/search?q=" + HubHttp.encode(query) + "&participant=" + HubHttp.encode(me)
                + "&limit=" + limit), Wire::message);
    }

    AckResult ack(Collection<String> messageIds) {
        ObjectNode body = Wire.object().put("recipient", me);
        messageIds.forEach(body.putArray("message_ids")::add);
        return ackResult(http.post("/api/ack", body));
    }

    AckResult ackAll() {
        return ackResult(http.post("/api/ack-all", Wire.object().put("recipient", me)));
    }

    Claim.Result claim(String resource, Duration ttl, String note, String channel,
                       boolean releaseOnDisconnect) {
        ObjectNode body = Wire.object().put("participant", me).put("resource", resource)
                .put("release_on_disconnect", releaseOnDisconnect);
        if (ttl != null) {
            body.put("ttl", ttl.toSeconds());
        }
        if (note != null) {
            body.put("note", note);
        }
        if (channel != null) {
            body.put("channel", channel);
        }
        return Claim.Result.of(http.exchange("POST", "/api/claims", body, 409).body());
    }

    Optional<Claim> release(String claimIdOrResource) {
        ObjectNode body = Wire.object().put("participant", me)
                .put(claimIdOrResource.startsWith("cl-") ? "claim_id" : "resource", claimIdOrResource);
        HubHttp.Answer answer = http.exchange("POST", "/api/claims/release", body, 404);
        return answer.body().path("released").asBoolean()
                ? Optional.of(Claim.of(answer.body().get("claim"))) : Optional.empty();
    }

    List<Claim> claims(String overlapping, String holder) {
        StringBuilder path = new StringBuilder("/api/claims");
        String separator = "?";
        if (overlapping != null) {
            path.append(separator).append("overlapping=").append(HubHttp.encode(overlapping));
            separator = "&";
        }
        if (holder != null) {
            path.append(separator).append("holder=").append(HubHttp.encode(holder));
        }
        return Wire.list(http.get(path.toString()), Claim::of);
    }

    HumanQuestion ask(String channel, String to, String question, List<String> options, Duration timeout) {
        ObjectNode body = Wire.object().put("participant", me).put("question", question);
        if (channel != null) {
            body.put("channel", channel);
        }
        if (to != null) {
            body.put("to", to);
        }
        if (options != null) {
            options.forEach(body.putArray("options")::add);
        }
        if (timeout != null) {
            body.put("timeout", timeout.toSeconds());
        }
        return HumanQuestion.of(http.post("/api/questions", body));
    }

    HumanQuestion question(String questionId) {
        return HumanQuestion.of(http.get("/api/questions/" + HubHttp.encode(questionId)));
    }

    List<HumanQuestion> openQuestions() {
        return Wire.list(http.get("/api/questions"), HumanQuestion::of);
    }

    HumanQuestion answer(String questionId, String answer) {
        return HumanQuestion.of(http.post("/api/questions/" + HubHttp.encode(questionId) + "/answer",
                Wire.object().put("participant", me).put("answer", answer)));
    }

    Profile setProfile(String description, List<String> capabilities, String model, String owner) {
        ObjectNode body = Wire.object().put("participant", me);
        if (description != null) {
            body.put("description", description);
        }
        if (capabilities != null) {
            capabilities.forEach(body.putArray("capabilities")::add);
        }
        if (model != null) {
            body.put("model", model);
        }
        if (owner != null) {
            body.put("owner", owner);
        }
        return Profile.of(http.post("/api/profile", body));
    }

    Profile profile(String name) {
        return Profile.of(http.get("/api/participants/" + HubHttp.encode(name) + "/profile"));
    }

    List<Profile> findAgents(String capability, String text) {
        String query = capability != null ? "?capability=" + HubHttp.encode(capability)
                : text != null ? "?q=" + HubHttp.encode(text) : "";
        return Wire.list(http.get("/api/agents" + query), Profile::of);
    }

    long markRead(String channel, Long seq) {
        ObjectNode body = Wire.object().put("participant", me).put("channel", channel);
        if (seq != null) {
            body.put("seq", seq);
        }
        return http.post("/api/mark-read", body).path("seq").asLong();
    }

    List<Message> inbox(int limit) {
        return Wire.list(http.post("/api/inbox/" + HubHttp.encode(me) + "?limit=" + limit, Wire.object()),
                Wire::message);
    }

    /** {@code GET /health}: the hub's product, version and figures such as {@code online}. */
    public Map<String, Object> health() {
        return Wire.map(http.get("/health"));
    }

    /** {@code GET /metrics}: the hub's metrics in the Prometheus text format. */
    public String metrics() {
        return http.getText("/metrics");
    }

    /**
     * REST calls as {@code participant} to the hub at {@code hub}, presenting the hub token (null for
     * none) and no participant key. A null participant names nobody: enough for {@link #health} and
     * {@link #metrics}.
     */
    public static RestCalls as(String participant, HubAddress hub, String token, HttpClient http, Duration timeout) {
        return new RestCalls(new HubHttp(hub.http(), http, participant, new Credentials(token, null), timeout),
                participant);
    }

    /**
     * An {@code /api/ack} answer: on Parley, how many ids were still pending ({@code newly_read}); from a compat hub,
     * which only counts the ids it was sent, that count.
     */
    public static AckResult ackResult(JsonNode answer) {
        long acknowledged = answer.path("newly_read").asLong(answer.path("acknowledged").asLong(0));
        return new AckResult(acknowledged, answer.path("remaining").asLong(0));
    }

    private static void putIfSet(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
