package dev.parley.server.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Seeded generator of REST requests the hub must refuse with a 4xx JSON error: broken or wrongly
 * typed bodies, missing fields, hostile names and path parameters, bad query parameters, bodies
 * over the request limit, unknown endpoints.
 */
final class HostileRequests {
    /** One request; {@code body} null means none. */
    record Request(String family, String method, String path, byte[] body) {
        @Override
        public String toString() {
            String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
            return family + ": " + method + " " + path + " " + (text.length() > 80 ? text.substring(0, 80) + "..." : text);
        }
    }

    private static final Pattern VALID_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    private static final Pattern VALID_CHANNEL = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final List<String> HOSTILE = List.of("../x", "..\\x", "<script>alert(1)</script>", "a".repeat(300),
            "", "   ", "a b<", "名前", "\u0000", "a\nb", "-lead", ".hidden", "😀", "x/y", "%00", "%2e%2e%2f",
            "'; DROP TABLE messages; --", "\u202Eevil", "{}", "[]", "null?", "?q=1", "#frag", "a".repeat(65));
    private static final List<String> POST_PATHS = List.of("/api/send", "/api/ack", "/api/ack-all", "/api/dm",
            "/api/channels/create", "/api/channels/join", "/api/react");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Random random;
    private final String knownSender;

    /** @param knownSender a registered participant with a valid name, for requests that fail on another field */
    HostileRequests(Random random, String knownSender) {
        this.random = random;
        this.knownSender = knownSender;
    }

    Request next() {
        return switch (random.nextInt(11)) {
            case 0 -> post("invalid-json", randomPostPath(), invalidJson());
            case 1 -> post("not-an-object", randomPostPath(), List.of("[]", "[{}]", "42", "\"x\"", "null", "true")
                    .get(random.nextInt(6)));
            case 2 -> badSend();
            case 3 -> badAcks();
            case 4 -> badChannels();
            case 5 -> badMessageEdits();
            case 6 -> random.nextInt(8) == 0 ? huge() : badQuery();
            case 7 -> hostilePathParameter();
            case 8 -> badQuery();
            case 9 -> unknownEndpoint();
            default -> post("binary-body", randomPostPath(), randomBytes());
        };
    }

    private Request badSend() {
        ObjectNode body = NODES.objectNode().put("sender", knownSender).put("channel", "general").put("body", "x");
        switch (random.nextInt(8)) {
            case 0 -> body.remove(List.of("sender", "channel", "body").get(random.nextInt(3)));
            case 1 -> body.set(List.of("sender", "channel", "body", "message_type", "priority", "reply_to", "to")
                    .get(random.nextInt(7)), wrongTyped());
            case 2 -> body.put("sender", hostileName());
            case 3 -> body.put("body", " \t\n ");
            case 4 -> body.set("metadata", random.nextBoolean() ? NODES.textNode("x") : NODES.arrayNode().add(1));
            case 5 -> body.put("body", "b".repeat(32 * 1024 + 1 + random.nextInt(10_000)));
            case 6 -> body.put("channel", "nope-" + hostileText());
            default -> body.putObject("metadata").put("pad", "m".repeat(16 * 1024 + random.nextInt(1_000)));
        }
        return post("bad-send", "/api/send", body);
    }

    private Request badAcks() {
        ObjectNode body = NODES.objectNode().put("recipient", knownSender);
        if (random.nextBoolean()) {
            switch (random.nextInt(4)) {
                case 0 -> body.remove("recipient");
                case 1 -> body.put("recipient", hostileName());
                case 2 -> body.set("message_ids", random.nextBoolean() ? NODES.textNode("ty-x") : NODES.numberNode(3));
                default -> body.putArray("message_ids").add(1).add(true);
            }
            return post("bad-ack", "/api/ack", body);
        }
        switch (random.nextInt(3)) {
            case 0 -> body.remove("recipient");
            case 1 -> body.set("recipient", wrongTyped());
            default -> body.put("before", hostileText() + "not a time");
        }
        return post("bad-ack-all", "/api/ack-all", body);
    }

    private Request badChannels() {
        return switch (random.nextInt(5)) {
            case 0 -> post("bad-create", "/api/channels/create", NODES.objectNode().put("name", hostileChannelName()));
            case 1 -> post("bad-create", "/api/channels/create", NODES.objectNode().put("name", "fine")
                    .put("created_by", hostileName()));
            case 2 -> post("bad-join", "/api/channels/join", NODES.objectNode().put("channel", "nope-" + random.nextInt())
                    .put("participant", knownSender));
            case 3 -> post("bad-join", "/api/channels/join", NODES.objectNode().put("channel", "general")
                    .put("participant", hostileName()));
            default -> post("bad-dm", "/api/dm", random.nextBoolean()
                    ? NODES.objectNode().put("participant_a", hostileName()).put("participant_b", knownSender)
                    : NODES.objectNode().put("participant_a", knownSender).set("participant_b", wrongTyped()));
        };
    }

    private Request badMessageEdits() {
        String unknown = "ty-" + "0".repeat(12);
        return switch (random.nextInt(5)) {
            case 0 -> new Request("bad-edit", "PATCH", "/api/messages/" + unknown,
                    json(NODES.objectNode().put("participant", knownSender).put("body", "x")));
            case 1 -> new Request("bad-edit", "PATCH", "/api/messages/" + encode(hostileText()),
                    json(NODES.objectNode().put("participant", hostileName()).put("body", "x")));
            case 2 -> new Request("bad-delete", "DELETE", "/api/messages/" + unknown
                    + (random.nextBoolean() ? "" : "?participant=" + encode(hostileName())), null);
            case 3 -> post("bad-react", "/api/react", NODES.objectNode().put("message_id", unknown)
                    .put("participant", knownSender).put("emoji", "👍"));
            default -> post("bad-react", "/api/react", NODES.objectNode().put("message_id", unknown)
                    .put("participant", hostileName()).put("emoji", "x".repeat(random.nextInt(100))));
        };
    }

    private Request huge() {
        byte[] body = new byte[256 * 1024 + 1 + random.nextInt(256 * 1024)];
        java.util.Arrays.fill(body, (byte) 'a');
        String prefix = "{\"sender\":\"" + knownSender + "\",\"channel\":\"general\",\"body\":\"";
        System.arraycopy(prefix.getBytes(StandardCharsets.UTF_8), 0, body, 0, prefix.length());
        body[body.length - 2] = '"';
        body[body.length - 1] = '}';
        return new Request("huge-body", "POST", randomPostPath(), body);
    }

    private Request hostilePathParameter() {
        String hostile = encode(hostileText());
        return switch (random.nextInt(6)) {
            case 0 -> get("hostile-path", "/api/messages/nope-" + hostile);
            case 1 -> get("hostile-path", "/api/message/" + hostile);
            case 2 -> get("hostile-path", "/api/delivery/" + hostile);
            case 3 -> get("hostile-path", "/api/thread/" + hostile);
            case 4 -> get("hostile-path", "/api/pending/" + encode(hostileName()));
            default -> get("hostile-path", "/api/unread/" + encode(hostileName()));
        };
    }

    private Request badQuery() {
        String badNumber = List.of("abc", "-1", "0", "1.5", "99999999999999999999", "%20", "1e3", "0x10", "NaN", "-0.0")
                .get(random.nextInt(10));
        return switch (random.nextInt(7)) {
            case 0 -> get("bad-query", "/api/messages/general?limit=" + encode(badNumber));
            case 1 -> get("bad-query", "/api/messages/general?after_seq=" + encode(badNumber.equals("0") ? "x" : badNumber));
            case 2 -> get("bad-query", "/api/messages/general?before=" + encode(hostileText() + "T"));
            case 3 -> get("bad-query", "/api/search?q=x&limit=" + encode(badNumber));
            case 4 -> get("bad-query", "/api/search" + (random.nextBoolean() ? "" : "?q=%20"));
            case 5 -> get("bad-query", "/api/pending/" + knownSender + "?limit=" + encode(badNumber));
            default -> get("bad-query", "/api/messages/general?limit=" + encode(badNumber) + "&after_seq=1");
        };
    }

    private Request unknownEndpoint() {
        return switch (random.nextInt(3)) {
            case 0 -> get("unknown-endpoint", "/api/nope-" + random.nextInt(1_000));
            case 1 -> new Request("wrong-method", List.of("PUT", "DELETE", "PATCH").get(random.nextInt(3)),
                    POST_PATHS.get(random.nextInt(POST_PATHS.size())), json(NODES.objectNode()));
            default -> get("wrong-method", POST_PATHS.get(random.nextInt(POST_PATHS.size())));
        };
    }

    private byte[] invalidJson() {
        String whole = "{\"sender\":\"" + knownSender + "\",\"channel\":\"general\",\"body\":\"x\"}";
        return switch (random.nextInt(5)) {
            case 0 -> whole.substring(0, random.nextInt(whole.length())).getBytes(StandardCharsets.UTF_8);
            case 1 -> (whole + "}").getBytes(StandardCharsets.UTF_8);
            case 2 -> "{\"sender\":\"a\u0001\"}".getBytes(StandardCharsets.UTF_8);
            case 3 -> "{'sender':'a'}".getBytes(StandardCharsets.UTF_8);
            default -> ("{\"metadata\":" + "[".repeat(100 + random.nextInt(5_000)) + "}").getBytes(StandardCharsets.UTF_8);
        };
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[1 + random.nextInt(3_000)];
        random.nextBytes(bytes);
        bytes[0] = (byte) 0xff; // never valid UTF-8, so never valid JSON
        return bytes;
    }

    private String hostileName() {
        while (true) {
            String name = random.nextBoolean() ? HOSTILE.get(random.nextInt(HOSTILE.size())) : hostileText() + "<";
            if (!VALID_NAME.matcher(name).matches()) {
                return name;
            }
        }
    }

    private String hostileChannelName() {
        while (true) {
            String name = hostileName();
            String normalised = name.strip().toLowerCase(Locale.ROOT).replace(' ', '-');
            if (!VALID_CHANNEL.matcher(normalised).matches()) {
                return name;
            }
        }
    }

    private String hostileText() {
        if (random.nextBoolean()) {
            return HOSTILE.get(random.nextInt(HOSTILE.size()));
        }
        StringBuilder text = new StringBuilder();
        int length = 1 + random.nextInt(100);
        for (int i = 0; i < length; i++) {
            text.appendCodePoint(random.nextBoolean() ? 0x20 + random.nextInt(0x5f) : 0x80 + random.nextInt(0x3000));
        }
        return text.toString();
    }

    private JsonNode wrongTyped() {
        return switch (random.nextInt(4)) {
            case 0 -> NODES.numberNode(random.nextInt());
            case 1 -> NODES.booleanNode(true);
            case 2 -> NODES.arrayNode().add("x");
            default -> NODES.objectNode().put("x", 1);
        };
    }

    private String randomPostPath() {
        return POST_PATHS.get(random.nextInt(POST_PATHS.size()));
    }

    private static Request post(String family, String path, ObjectNode body) {
        return new Request(family, "POST", path, json(body));
    }

    private static Request post(String family, String path, String body) {
        return new Request(family, "POST", path, body.getBytes(StandardCharsets.UTF_8));
    }

    private static Request post(String family, String path, byte[] body) {
        return new Request(family, "POST", path, body);
    }

    private static Request get(String family, String path) {
        return new Request(family, "GET", path, null);
    }

    private static byte[] json(ObjectNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
