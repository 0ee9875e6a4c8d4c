package dev.parley.server.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Seeded generator of socket frames the hub must refuse: each one, sent on an authenticated or an
 * unauthenticated connection, deserves exactly one {@code error} frame. Valid-but-odd frames
 * (unicode, big or deep payloads within the limits) come from {@link #oddBody} and {@link #deepMetadata}.
 */
final class HostileFrames {
    /** A frame to send: text, or binary when {@code binary} is not null. */
    record Frame(String family, String text, byte[] binary) {}

    /** Frame types the hub knows; an "unknown type" must be none of these. */
    private static final Set<String> KNOWN_TYPES = Set.of("auth", "register", "ping", "send", "edit", "delete", "react",
            "read_ack", "ack", "history", "thread", "typing");
    /** The participant-name rule of README "Limits", to make sure a hostile name really is invalid. */
    private static final Pattern VALID_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    private static final Pattern MESSAGE_ID = Pattern.compile(WireShapes.MESSAGE_ID);
    private static final List<String> HOSTILE_NAMES = List.of("../x", "..\\..\\etc\\passwd", "<script>alert(1)</script>",
            "a".repeat(300), "", " ", "a b", "名前", "\u0000", "a\nb", "-lead", ".hidden", "@at", "😀", "x/y", "%00",
            "'; DROP TABLE participants; --", "\u202Eevil", "a".repeat(65), "null", "dm:a:b:c", "ch-general ");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Random random;
    private final Set<String> realChannels;
    private final String forbiddenChannel;
    private final String nonMember;

    /**
     * @param realChannels     names and ids that exist (a hostile channel must be none of them)
     * @param forbiddenChannel a DM the fuzzing participants are not in
     * @param nonMember        a name that is not a member of {@code general} (a {@code to} the store refuses)
     */
    HostileFrames(Random random, Set<String> realChannels, String forbiddenChannel, String nonMember) {
        this.random = random;
        this.realChannels = realChannels;
        this.forbiddenChannel = forbiddenChannel;
        this.nonMember = nonMember;
    }

    /** The next frame to refuse. */
    Frame next() {
        return switch (random.nextInt(16)) {
            case 0 -> text("truncated", truncated());
            case 1 -> text("not-an-object", notAnObject());
            case 2 -> text("bad-type-field", badTypeField());
            case 3 -> text("unknown-type", object(unknownType()).toString());
            case 4 -> text("send-wrong-type", sendWithWrongType());
            case 5 -> random.nextInt(4) == 0 ? text("oversized", oversized()) : text("nulls", nulls());
            case 6 -> text("deep-nesting", deepNesting());
            case 7 -> text("nulls", nulls());
            case 8 -> text("hostile-name", hostileNameFrame());
            case 9 -> text("hostile-channel", hostileChannel());
            case 10 -> text("unknown-message", unknownMessage());
            case 11 -> text("bad-history", badHistory());
            case 12 -> text("bad-acks", badAcks());
            case 13 -> new Frame("binary", null, binary());
            case 14 -> text("raw-json-abuse", rawJsonAbuse());
            default -> text("bad-target", badTarget());
        };
    }

    /** A body that is valid but odd: unicode, escapes, markup, injection text, or right at the size limit. */
    String oddBody(int maxChars) {
        return switch (random.nextInt(8)) {
            case 0 -> "emoji 😀👩‍👩‍👧‍👦🏳️‍🌈 and CJK 漢字かなカナ 한국어";
            case 1 -> "control\u0001\u0002\u001f chars, tab\t, nul\u0000 and DEL\u007f";
            case 2 -> "<script>alert('x')</script><img src=x onerror=alert(1)>";
            case 3 -> "'; DROP TABLE messages; -- \" OR 1=1 NEAR( * \\ %_";
            case 4 -> "\u202Eright-to-left\u200B\u200Dzero-width\uFEFF";
            case 5 -> "{\"type\":\"auth\",\"name\":\"mallory\"}";
            case 6 -> "x".repeat(maxChars);
            default -> randomUnicode(1 + random.nextInt(200));
        };
    }

    /** A metadata object nested {@code depth} levels deep (within the hub's nesting limit). */
    ObjectNode deepMetadata(int depth) {
        ObjectNode root = NODES.objectNode();
        ObjectNode current = root;
        for (int i = 0; i < depth; i++) {
            current = current.putObject("k" + i);
        }
        current.put("leaf", randomUnicode(10));
        return root;
    }

    private Frame text(String family, String text) {
        return new Frame(family, text, null);
    }

    private String truncated() {
        String whole = validSend().toString();
        int cut = random.nextInt(whole.length());
        if (cut > 0 && Character.isLowSurrogate(whole.charAt(cut))) {
            cut--; // never split an emoji: the client could not even encode half of one
        }
        return whole.substring(0, cut);
    }

    private String notAnObject() {
        return switch (random.nextInt(7)) {
            case 0 -> "[]";
            case 1 -> "[" + validSend() + "]";
            case 2 -> String.valueOf(random.nextLong());
            case 3 -> NODES.textNode(randomUnicode(20)).toString();
            case 4 -> "null";
            case 5 -> random.nextBoolean() ? "true" : "false";
            default -> "  ";
        };
    }

    private String badTypeField() {
        ObjectNode frame = validSend();
        switch (random.nextInt(3)) {
            case 0 -> frame.remove("type");
            case 1 -> frame.set("type", wrongTyped(false));
            default -> frame.putNull("type");
        }
        return frame.toString();
    }

    private String unknownType() {
        while (true) {
            String type = random.nextBoolean() ? hostileString() : randomUnicode(1 + random.nextInt(40));
            if (!KNOWN_TYPES.contains(type)) {
                return type;
            }
        }
    }

    private String sendWithWrongType() {
        ObjectNode frame = validSend();
        List<String> fields = List.of("channel", "body", "message_type", "priority", "reply_to", "metadata", "to",
                "client_msg_id");
        String field = fields.get(random.nextInt(fields.size()));
        JsonNode value = wrongTyped(field.equals("metadata"));
        if ((field.equals("channel") || field.equals("body")) && random.nextInt(4) == 0) {
            value = NODES.nullNode();
        }
        frame.set(field, value);
        return frame.toString();
    }

    private String oversized() {
        ObjectNode frame = validSend();
        switch (random.nextInt(3)) {
            case 0 -> frame.put("body", "b".repeat(32 * 1024 + 1 + random.nextInt(20_000)));
            case 1 -> frame.putObject("metadata").put("pad", "m".repeat(16 * 1024 + random.nextInt(10_000)));
            default -> frame.put("body", "f".repeat(64 * 1024 + random.nextInt(120_000)));
        }
        return frame.toString();
    }

    private String deepNesting() {
        int depth = 65 + random.nextInt(2_000);
        boolean arrays = random.nextBoolean();
        StringBuilder text = new StringBuilder("{\"type\":\"send\",\"channel\":\"general\",\"body\":\"deep\",\"metadata\":");
        text.append((arrays ? "[" : "{\"a\":").repeat(depth)).append("1").append((arrays ? "]" : "}").repeat(depth));
        return text.append('}').toString();
    }

    private String nulls() {
        return switch (random.nextInt(6)) {
            case 0 -> "{\"type\":\"send\",\"channel\":null,\"body\":null}";
            case 1 -> "{\"type\":\"history\",\"channel\":null}";
            case 2 -> "{\"type\":\"typing\",\"channel\":null}";
            case 3 -> "{\"type\":\"edit\",\"message_id\":null,\"body\":\"x\"}";
            case 4 -> "{\"type\":\"react\",\"message_id\":null,\"emoji\":null}";
            default -> "{\"type\":\"auth\",\"name\":null,\"features\":null}";
        };
    }

    private String hostileNameFrame() {
        ObjectNode frame = object(random.nextBoolean() ? "auth" : "register");
        if (random.nextInt(5) == 0) {
            frame.set("name", wrongTyped(false));
        } else {
            frame.put("name", hostileName());
        }
        if (random.nextBoolean()) {
            frame.putArray("features").add("*");
        }
        return frame.toString();
    }

    private String hostileChannel() {
        String channel = random.nextInt(4) == 0 ? forbiddenChannel : unknownChannel();
        return switch (random.nextInt(3)) {
            case 0 -> validSend().put("channel", channel).toString();
            case 1 -> object("history").put("channel", channel).toString();
            default -> object("typing").put("channel", unknownChannel()).toString();
        };
    }

    private String unknownMessage() {
        String id = unknownMessageId();
        return switch (random.nextInt(6)) {
            case 0 -> object("edit").put("message_id", id).put("body", "x").toString();
            case 1 -> object("edit").put("message_id", id).toString();
            case 2 -> object("delete").put("message_id", id).toString();
            case 3 -> object("react").put("message_id", id).put("emoji", "👍").toString();
            case 4 -> object("react").put("message_id", id).put("emoji", "x".repeat(33 + random.nextInt(100))).toString();
            default -> object("thread").put("message_id", id).toString();
        };
    }

    private String badHistory() {
        ObjectNode frame = object("history").put("channel", "general");
        switch (random.nextInt(5)) {
            case 0 -> frame.set("limit", notAnInteger());
            case 1 -> frame.put("limit", -random.nextInt(1_000));
            case 2 -> frame.put("before", hostileString() + "x");
            case 3 -> frame.set("after_seq", notAnInteger());
            default -> frame.set("limit", NODES.numberNode(new java.math.BigInteger("99999999999999999999999")));
        }
        return frame.toString();
    }

    private String badAcks() {
        return switch (random.nextInt(5)) {
            case 0 -> object("read_ack").set("message_ids", random.nextBoolean() ? NODES.textNode("ty-1")
                    : NODES.numberNode(7)).toString();
            case 1 -> {
                ObjectNode frame = object("read_ack");
                frame.putArray("message_ids").add(1).add(NODES.objectNode());
                yield frame.toString();
            }
            case 2 -> object("ack").put("channel_id", "general").put("seq", -1 - random.nextInt(100)).toString();
            case 3 -> object("ack").put("channel_id", unknownChannel()).put("seq", 1).toString();
            default -> {
                ObjectNode frame = object("ack");
                frame.putArray("acks").add(1).add("x");
                yield frame.toString();
            }
        };
    }

    private byte[] binary() {
        if (random.nextBoolean()) {
            return validSend().toString().getBytes(StandardCharsets.UTF_8);
        }
        byte[] bytes = new byte[random.nextInt(2_000)];
        random.nextBytes(bytes);
        return bytes;
    }

    private String rawJsonAbuse() {
        return switch (random.nextInt(6)) {
            case 0 -> "{\"type\":\"send\",\"channel\":\"general\",\"body\":\"raw\u0001control\"}";
            case 1 -> "{\"type\":\"send\",\"channel\":\"general\",\"body\":\"tab\tinside\"}";
            case 2 -> "{\"type\":\"send\",\"channel\":\"general\",\"body\":\"bad \\x escape\"}";
            case 3 -> "{\"type\":\"send\",\"channel\":\"general\",\"body\":\"\\uZZZZ\"}";
            case 4 -> "{\"type\":\"send\",\"channel\":\"general\",\"body\":\"x\"}}";
            default -> "{\"type\":\"send\" \"channel\":\"general\"}";
        };
    }

    /** A send whose target is not a member of the channel: refused when the store checks it (asynchronously). */
    private String badTarget() {
        return validSend().put("to", random.nextBoolean() ? nonMember : "x".repeat(129)).toString();
    }

    private ObjectNode validSend() {
        return object("send").put("channel", "general").put("body", randomUnicode(1 + random.nextInt(30)));
    }

    private static ObjectNode object(String type) {
        return NODES.objectNode().put("type", type);
    }

    private JsonNode wrongTyped(boolean objectAllowed) {
        return switch (random.nextInt(objectAllowed ? 4 : 5)) {
            case 0 -> NODES.numberNode(random.nextInt());
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> {
                ArrayNode array = NODES.arrayNode();
                array.add(randomUnicode(5));
                yield array;
            }
            case 3 -> objectAllowed ? NODES.textNode(randomUnicode(8)) : NODES.numberNode(random.nextDouble());
            default -> NODES.objectNode().put("x", 1);
        };
    }

    private JsonNode notAnInteger() {
        return switch (random.nextInt(5)) {
            case 0 -> NODES.textNode(String.valueOf(random.nextInt(100)));
            case 1 -> NODES.numberNode(random.nextInt(100) + 0.5);
            case 2 -> NODES.booleanNode(random.nextBoolean());
            case 3 -> NODES.arrayNode().add(1);
            default -> NODES.objectNode().put("n", 1);
        };
    }

    private String hostileName() {
        while (true) {
            String name = random.nextBoolean() ? HOSTILE_NAMES.get(random.nextInt(HOSTILE_NAMES.size()))
                    : randomUnicode(1 + random.nextInt(80)) + "<";
            if (!VALID_NAME.matcher(name).matches()) {
                return name;
            }
        }
    }

    private String unknownChannel() {
        while (true) {
            String channel = random.nextBoolean() ? hostileString() : "nope-" + random.nextInt(1_000_000);
            if (!realChannels.contains(channel)) {
                return channel;
            }
        }
    }

    private String unknownMessageId() {
        while (true) {
            String id = random.nextBoolean() ? hostileString() : "ty-" + Long.toHexString(random.nextLong());
            if (!id.isBlank() && !MESSAGE_ID.matcher(id).matches()) {
                return id;
            }
        }
    }

    private String hostileString() {
        return random.nextBoolean() ? HOSTILE_NAMES.get(random.nextInt(HOSTILE_NAMES.size()))
                : randomUnicode(1 + random.nextInt(300));
    }

    /** Random code points from ASCII, control characters, Latin, CJK and emoji (never a lone surrogate). */
    String randomUnicode(int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int codePoint = switch (random.nextInt(5)) {
                case 0 -> 0x20 + random.nextInt(0x5f);
                case 1 -> random.nextInt(0x20);
                case 2 -> 0xa0 + random.nextInt(0x500);
                case 3 -> 0x4e00 + random.nextInt(0x5000);
                default -> 0x1f300 + random.nextInt(0x300);
            };
            text.appendCodePoint(codePoint);
        }
        return text.toString();
    }
}
