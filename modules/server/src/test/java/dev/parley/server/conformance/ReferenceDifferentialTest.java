package dev.parley.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.Json;
import dev.parley.testing.InProcessHub;
import dev.parley.testing.RawSocket;
import dev.parley.testing.ReferenceHub;
import dev.parley.testing.RestProbe;
import dev.parley.testing.ChildProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference hub (Tentyl 2.0, a real Python process) is the compat contract: the same conversation — every
 * compat frame a client sends, every frame the hub answers with, every compat REST endpoint, the errors included —
 * is played against the reference and against Parley, and Parley's answers must carry every field the reference's
 * do, with the same JSON type, and the same value wherever the value is deterministic. Parley may add fields.
 */
class ReferenceDifferentialTest {
    @TempDir
    Path dir;

    @Test
    void parley_answers_every_compat_frame_and_endpoint_as_the_reference_does() throws Exception {
        Transcript reference;
        try (ReferenceHub ref = ReferenceHub.start(dir.resolve("reference"))) {
            reference = converse(ref.port());
        }
        Transcript parley;
        try (InProcessHub hub = InProcessHub.start(dir)) {
            parley = converse(hub.port());
        }
        assertThat(reference.differencesFrom(parley)).as("Parley against the reference").isEmpty();
    }

    @Test
    void the_reference_cli_works_against_parley_unchanged_and_prints_what_it_prints_against_the_reference()
            throws Exception {
        try (ReferenceHub ref = ReferenceHub.start(dir.resolve("reference"));
             InProcessHub hub = InProcessHub.start(dir)) {
            List<String> againstReference = cliSession(ref, ref.port());
            List<String> againstParley = cliSession(ref, hub.port());
            assertThat(againstParley).containsExactlyElementsOf(againstReference);
        }
    }

    /**
     * The reference's CLI, step by step, as its users run it (its {@code list} of a DM is left out on purpose: it
     * reads without saying who reads, and Parley shows a DM only to its members); each step's exit code and output with timestamps
     * folded (they differ by the minute), so two hubs' sessions can be compared line by line.
     */
    private static List<String> cliSession(ReferenceHub ref, int port) {
        List<String> session = new ArrayList<>();
        String[][] steps = {
            {"bob", "register", "bob", "Bob B", "--type=human"},
            {"alice", "send", "general", "hello from the reference cli", "--priority=urgent"},
            {"alice", "list", "general"},
            {"alice", "pending", "--as=bob"},
            {"alice", "dm", "bob", "psst"},
            {"alice", "pending", "--as=bob"},
            {"alice", "list", "nosuch"},
        };
        for (String[] step : steps) {
            ChildProcess cli = ref.cli(port, step[0], Arrays.copyOfRange(step, 1, step.length));
            session.add("$ " + String.join(" ", step) + " -> exit " + cli.awaitExit(Duration.ZERO));
            if (step[1].equals("send")) {
                // The reference's CLI sends a DM to dm:a:b, which must exist: its users create it over REST
                // (the reference would make one for names it has never seen and then fail their auth).
                RestProbe.at(port).post("/api/dm", "{\"participant_a\":\"alice\",\"participant_b\":\"bob\"}");
            }
            // An error line prints the hub's whole answer, whose wording (and JSON spacing) is each hub's own.
            cli.output().lines().map(line -> line.startsWith("Error: ") ? "Error: (the hub's answer)" : line)
                    .map(line -> line.replaceAll("\\[\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d]", "[time]"))
                    .forEach(session::add);
        }
        for (String command : List.of("status", "channels", "presence")) {
            ChildProcess cli = ref.cli(port, "alice", command);
            String output = cli.output();
            session.add("$ " + command + " -> exit " + cli.awaitExit(Duration.ZERO) + ", status ok: "
                    + output.contains("Status:       ok") + ", #general: " + output.contains("#general (group)")
                    + ", bob: " + output.contains("(bob) [human]"));
        }
        return session;
    }

    /** One conversation, step by step; the same script for both hubs, each with its own ids. */
    private static Transcript converse(int port) {
        Transcript t = new Transcript();
        RestProbe rest = RestProbe.at(port);
        t.rest("GET /health", rest.get("/health"), "body.status", "body.participants", "body.messages");

        try (RawSocket anonymous = RawSocket.connect(port)) {
            anonymous.sendText("{not json");
            t.frame("error bad_json", anonymous.next("error"), "type", "code");
            anonymous.send("send", "channel", "general", "body", "too early");
            t.frame("error not_authenticated", anonymous.next("error"), "type", "code");
            anonymous.send("auth", "name", "  ");
            t.frame("error auth_failed", anonymous.next("error"), "type", "code");
            anonymous.send("register", "name", "bob", "display_name", "Bob", "participant_type", "human");
            t.frame("register_ok", anonymous.next("register_ok"), "type", "name", "is_new");
            anonymous.send("register", "name", "bob", "display_name", "Bob", "participant_type", "human");
            t.frame("register_ok again", anonymous.next("register_ok"), "type", "name", "is_new");
        }

        // dave joins general by connecting once, then stays away: what is sent meanwhile is queued for him.
        try (RawSocket dave = RawSocket.connect(port)) {
            dave.send("auth", "name", "dave");
            t.frame("auth_ok first", dave.next("auth_ok"), "type", "participant", "channels", "pending_count",
                    "protocol_version");
        }

        try (RawSocket alice = RawSocket.connect(port); RawSocket bob = RawSocket.connect(port)) {
            alice.send("auth", "name", "alice", "display_name", "Alice");
            t.frame("auth_ok", alice.next("auth_ok"), "type", "participant", "channels", "pending_count",
                    "protocol_version");
            alice.send("ping");
            t.frame("pong", alice.next("pong"), "type");
            bob.send("auth", "name", "bob");
            t.frame("auth_ok registered", bob.next("auth_ok"), "type", "participant", "channels", "pending_count",
                    "protocol_version");
            t.frame("presence online", alice.next("presence"), "type", "participant", "status");
            bob.roundTrip();

            ObjectNode first = WireShapes.frame("send").put("channel", "general").put("body", "hello, team")
                    .put("message_type", "code").put("priority", "urgent");
            first.putObject("metadata").put("k", 1).putArray("tags").add("a");
            alice.send(first);
            JsonNode hello = bob.next("message");
            t.frame("message", hello, "type", "channel_name", "sender", "body", "message_type", "priority",
                    "reply_to", "metadata");
            String helloId = hello.get("message_id").asText();

            alice.send(WireShapes.frame("send").put("channel", "general").put("body", "a reply")
                    .put("reply_to", helloId));
            // Metadata nobody gave: the reference says null, Parley {} (an object on every message; the
            // reference's clients treat both as "none"); the type rule lets it, so no value is compared.
            t.frame("message reply", bob.next("message"), "type", "body");
            alice.send(WireShapes.frame("send").put("channel", "general").put("body", "odd fields")
                    .put("message_type", "weird").put("priority", "weird"));
            t.frame("message odd vocabulary", bob.next("message"), "type", "body", "message_type", "priority");

            alice.send("send", "channel", "general", "body", "   ");
            t.frame("error empty_body", alice.next("error"), "type", "code");
            alice.send("send", "channel", "nosuch", "body", "lost");
            t.frame("error channel_not_found (send)", alice.next("error"), "type", "code");

            ObjectNode ack = WireShapes.frame("read_ack");
            ack.putArray("message_ids").add(helloId);
            bob.send(ack);
            t.frame("receipt", alice.next("receipt"), "type", "reader", "status");
            bob.send("typing", "channel", "general");
            t.frame("typing", alice.next("typing"), "type", "channel", "participant");

            alice.send(WireShapes.frame("history").put("channel", "general").put("limit", 10));
            t.frame("history_result", alice.next("history_result"), "type", "channel_name", "messages[].sender",
                    "messages[].body", "messages[].message_type", "messages[].priority");
            alice.send("history", "channel", "nosuch");
            t.frame("error channel_not_found (history)", alice.next("error"), "type", "code");

            rest(t, rest, helloId);

            bob.close();
            t.frame("presence offline", alice.next("presence"), "type", "participant", "status");
        }

        try (RawSocket dave = RawSocket.connect(port)) {
            dave.send("auth", "name", "dave");
            t.frame("auth_ok with pending", dave.next("auth_ok"), "type", "participant", "pending_count");
            t.frame("queued", dave.next("queued"), "type", "messages[].sender", "messages[].body",
                    "messages[].channel_name", "messages[].message_type", "messages[].priority");
        }
        return t;
    }

    /** Every compat endpoint, with its errors; messages exist by now. */
    private static void rest(Transcript t, RestProbe rest, String helloId) {
        t.rest("GET /", rest.get("/"), "body.status");
        t.rest("GET /api/channels", rest.get("/api/channels"));
        t.rest("GET /api/messages/general", rest.get("/api/messages/general?limit=50"), "body[].sender",
                "body[].body", "body[].channel_name", "body[].message_type", "body[].priority");
        t.rest("GET /api/messages/nosuch", rest.get("/api/messages/nosuch"));
        t.rest("GET /api/presence", rest.get("/api/presence"), "body[].name", "body[].is_online");
        t.rest("GET /api/pending/dave", rest.get("/api/pending/dave"), "body[].body", "body[].channel_name");
        t.rest("GET /api/participants", rest.get("/api/participants"), "body[].name", "body[].participant_type");

        ObjectNode send = Json.mapper().createObjectNode().put("sender", "carol").put("channel", "general")
                .put("body", "hello from REST").put("priority", "low");
        send.putObject("metadata").put("source", "rest");
        t.rest("POST /api/send", rest.post("/api/send", send.toString()), "body.sender", "body.body",
                "body.channel_name", "body.message_type", "body.priority");
        t.rest("POST /api/send without sender", rest.post("/api/send", "{\"channel\":\"general\",\"body\":\"x\"}"));
        t.rest("POST /api/send not JSON", rest.post("/api/send", "{oops"));
        t.rest("POST /api/send unknown channel",
                rest.post("/api/send", "{\"sender\":\"carol\",\"channel\":\"nosuch\",\"body\":\"x\"}"));

        t.rest("GET /api/unread/bob", rest.get("/api/unread/bob"), "body[].channel_name", "body[].unread");
        t.rest("POST /api/ack", rest.post("/api/ack",
                "{\"recipient\":\"bob\",\"message_ids\":[\"" + helloId + "\"]}"), "body.acknowledged");
        t.rest("POST /api/ack without ids", rest.post("/api/ack", "{\"recipient\":\"bob\"}"));
        t.rest("POST /api/ack-all", rest.post("/api/ack-all", "{\"recipient\":\"carol\"}"), "body.acknowledged",
                "body.remaining");
        t.rest("POST /api/ack-all without recipient", rest.post("/api/ack-all", "{}"));

        t.rest("GET /api/search", rest.get("/api/search?q=hello"), "body[].body", "body[].sender",
                "body[].channel_name");
        t.rest("GET /api/search without q", rest.get("/api/search"));

        t.rest("POST /api/dm", rest.post("/api/dm", "{\"participant_a\":\"bob\",\"participant_b\":\"alice\"}"),
                "body.name", "body.channel_type");
        t.rest("POST /api/dm without b", rest.post("/api/dm", "{\"participant_a\":\"bob\"}"));
        t.rest("POST /api/channels/create", rest.post("/api/channels/create",
                "{\"name\":\"Ops Room\",\"created_by\":\"alice\",\"topic\":\"deploys\"}"), "body.name",
                "body.channel_type", "body.created_by", "body.topic");
        t.rest("POST /api/channels/create again", rest.post("/api/channels/create",
                "{\"name\":\"ops-room\",\"created_by\":\"alice\"}"), "body.name");
        t.rest("POST /api/channels/create without name",
                rest.post("/api/channels/create", "{\"created_by\":\"alice\"}"));
        t.rest("POST /api/channels/join", rest.post("/api/channels/join",
                "{\"channel\":\"ops-room\",\"participant\":\"bob\"}"), "body.name");
        t.rest("POST /api/channels/join unknown", rest.post("/api/channels/join",
                "{\"channel\":\"nosuch\",\"participant\":\"bob\"}"));

        t.rest("GET /api/delivery/{id}", rest.get("/api/delivery/" + helloId));
        t.rest("GET /api/message/{id}", rest.get("/api/message/" + helloId), "body.body", "body.sender",
                "body.message_type", "body.priority", "body.metadata");
        t.rest("GET /api/message/unknown", rest.get("/api/message/ty-000000000000"));
    }

    @Test
    void the_comparison_notices_a_dropped_or_retyped_field() {
        Transcript reference = new Transcript();
        reference.frame("auth_ok", parse("{\"participant\":\"alice\",\"pending_count\":0,\"extra\":null}"));
        Transcript same = new Transcript();
        same.frame("auth_ok", parse("{\"participant\":\"alice\",\"pending_count\":3,\"extra\":{},\"more\":1}"));
        Transcript retyped = new Transcript();
        retyped.frame("auth_ok", parse("{\"participant\":{\"name\":\"alice\"},\"extra\":1}"));
        assertThat(reference.differencesFrom(same)).isEmpty();
        assertThat(reference.differencesFrom(retyped)).hasSize(2)
                .anyMatch(p -> p.contains("$.participant is [object]"))
                .anyMatch(p -> p.contains("$.pending_count is missing"));
        assertThat(reference.differencesFrom(new Transcript())).containsExactly("auth_ok: no answer from the candidate");
    }

    @Test
    void values_are_read_along_paths_through_arrays() {
        JsonNode node = parse("{\"messages\":[{\"body\":\"a\"},{\"body\":\"b\"}]}");
        assertThat(Transcript.valuesAt(node, "messages[].body")).extracting(JsonNode::asText).containsExactly("a", "b");
    }

    private static JsonNode parse(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
