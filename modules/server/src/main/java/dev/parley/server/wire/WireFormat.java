package dev.parley.server.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Json;
import dev.parley.protocol.wire.WireChannel;
import dev.parley.protocol.wire.WireMessage;
import dev.parley.protocol.wire.WireParticipant;
import dev.parley.protocol.wire.WireReaction;
import dev.parley.protocol.wire.WireText;
import dev.parley.store.Channel;
import dev.parley.store.Claim;
import dev.parley.store.Participant;
import dev.parley.store.Reaction;
import dev.parley.store.StoredMessage;
import dev.parley.store.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The hub's side of the wire contract: stored rows as the shapes of {@code dev.parley.protocol.wire}
 * (whose writers say the fields, in one place for socket, REST and every client), and the frames
 * around them. Messages, channels and participants come pre-written, as tree nodes that serialise
 * to exactly the writer's text, so a frame built as a tree embeds them without a second shape.
 */
public final class WireFormat {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private WireFormat() {}

    /** A new object node. */
    public static ObjectNode object() {
        return NODES.objectNode();
    }

    /** A frame of a type. */
    public static ObjectNode frame(String type) {
        return object().put("type", type);
    }

    /** An {@code error} frame. */
    public static ObjectNode error(ErrorCode code, String detail) {
        return frame("error").put("code", code.wire()).put("detail", detail);
    }

    /** A message as the wire carries it; its metadata text becomes the JSON it holds. */
    public static WireMessage wire(StoredMessage m) {
        return new WireMessage(m.messageId(), m.channelId(), m.channelName(), m.sender(), m.body(), m.messageType(),
                m.priority(), m.replyTo(), WireMessage.metadataOf(m.metadata()), m.createdAt(), m.seq(), m.to(),
                m.editedAt(), m.deleted(), m.mentions());
    }

    /** A frame of a type ({@code message}, {@code message_edited}) carrying a message, as text. */
    public static String messageFrame(String type, StoredMessage m) {
        return wire(m).toFrame(type);
    }

    /** A message as {@code queued} lists and REST rows carry it, embeddable in a tree as written. */
    public static JsonNode message(StoredMessage m) {
        return written(wire(m).toJson());
    }

    /** A message as a REST row: a frame's fields plus the reference's {@code edited_at} and {@code metadata_json}. */
    public static JsonNode row(StoredMessage m) {
        return written(wire(m).toRow());
    }

    /** A REST row with more fields after its own (a REST answer's {@code reactions}, an issued key). */
    public static String row(StoredMessage m, WireText.Fields more) {
        WireMessage message = wire(m);
        return WireText.object(out -> {
            message.writeRowFields(out);
            more.write(out);
        });
    }

    /** A list of REST rows. */
    public static ArrayNode rows(Collection<StoredMessage> messages) {
        ArrayNode list = NODES.arrayNode(messages.size());
        messages.forEach(m -> list.add(row(m)));
        return list;
    }

    /** A list of messages. */
    public static ArrayNode messages(Collection<StoredMessage> messages) {
        ArrayNode list = NODES.arrayNode(messages.size());
        messages.forEach(m -> list.add(message(m)));
        return list;
    }

    /** A channel as {@code /api/channels} lists it. */
    public static WireChannel wire(Channel c) {
        // Never null: the seeded general channel has no activity until its first message.
        String lastActivity = c.lastActivity() != null ? c.lastActivity() : c.createdAt();
        return new WireChannel(c.channelId(), c.name(), c.channelType(), c.createdBy(), c.topic(), c.isPrivate(),
                c.createdAt(), lastActivity, c.lastSeq());
    }

    /** A channel, embeddable in a tree as written. */
    public static JsonNode channel(Channel c) {
        String json = wire(c).toJson();
        if (c.archived()) { // only archived ones carry it: compat channels stay byte for byte as they were
            json = json.substring(0, json.lastIndexOf('}')) + ",\"archived_at\":" + NODES.textNode(c.archivedAt()) + "}";
        }
        return written(json);
    }

    /** A participant as {@code /api/presence}, {@code /api/participants} and {@code auth_ok} carry it. */
    public static JsonNode participant(Participant p, boolean online) {
        return written(new WireParticipant(p.name(), p.displayName(), p.participantType(), p.hardwareId(), online,
                p.lastSeenAt(), p.hostIp(), p.createdAt()).toJson());
    }

    /** A claim as every face shows it; {@code expires_in_seconds} is counted from {@code now}. */
    public static ObjectNode claim(Claim c, Instant now) {
        ObjectNode node = object();
        node.put("claim_id", c.claimId());
        node.put("resource", c.resource());
        node.put("holder", c.holder());
        node.put("note", c.note());
        node.put("channel_id", c.channelId());
        node.put("release_on_disconnect", c.releaseOnDisconnect());
        node.put("claimed_at", Timestamps.format(c.claimedAt()));
        node.put("renewed_at", Timestamps.format(c.renewedAt()));
        node.put("expires_at", Timestamps.format(c.expiresAt()));
        node.put("expires_in_seconds", Math.max(0, Duration.between(now, c.expiresAt()).toSeconds()));
        return node;
    }

    /** A message's reactions, as the {@code reactions} array of REST answers. */
    public static ArrayNode reactions(List<Reaction> reactions) {
        ArrayNode list = NODES.arrayNode(reactions.size());
        reactions.forEach(r -> list.add(written(
                new WireReaction(r.messageId(), r.participant(), r.emoji(), r.createdAt()).toJson())));
        return list;
    }

    /** JSON text already written by a protocol writer, as a tree node that serialises to exactly that text. */
    private static JsonNode written(String json) {
        return NODES.rawValueNode(new RawValue(json));
    }

    /** Serialises a node. */
    public static String text(JsonNode node) {
        try {
            return Json.mapper().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree always serialises", e);
        }
    }
}
