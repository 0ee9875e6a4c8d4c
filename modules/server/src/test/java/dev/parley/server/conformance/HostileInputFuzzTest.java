package dev.parley.server.conformance;

import static dev.parley.server.conformance.WireShapes.json;
import static dev.parley.server.conformance.WireShapes.ofType;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.ErrorCode;
import dev.parley.testing.InProcessHub;
import dev.parley.testing.RawSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded fuzz run of hostile input against one hub on 127.0.0.1: thousands of malformed socket
 * frames over several connections, and thousands of bad REST requests. Every bad frame must be
 * answered with exactly one {@code error} frame (never {@code internal}) on an open connection,
 * every bad request with a 4xx JSON {@code {"error": ...}}, and well-behaved sessions connected
 * throughout must receive every message, in order, untouched. Rerun a failure with
 * {@code -Dparley.fuzz.seed=<seed>}.
 */
class HostileInputFuzzTest {
    private static final long SEED = Long.getLong("parley.fuzz.seed", 20_260_221L);
    private static final int SOCKET_FRAMES = 5_000;
    private static final int REST_REQUESTS = 2_500;
    private static final int CHECKPOINT = 250;
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Set<String> ERROR_CODES = Arrays.stream(ErrorCode.values()).map(ErrorCode::wire)
            .filter(code -> !code.equals("internal")).collect(Collectors.toSet());

    @TempDir
    Path dir;

    @Test
    void every_hostile_frame_gets_one_error_on_an_open_connection_and_no_other_session_is_disturbed()
            throws Exception {
        Random random = new Random(SEED);
        try (InProcessHub hub = InProcessHub.start(dir);
             RawSocket writer = hub.client("writer", "*");
             RawSocket compatReader = hub.client("compat-reader");
             RawSocket extReader = hub.client("ext-reader", "*")) {
            JsonNode dm = json(hub.post("/api/dm", "{\"participant_a\":\"writer\",\"participant_b\":\"ext-reader\"}")
                    .body());
            HostileFrames hostile = new HostileFrames(random, Set.of("general", "ch-general",
                    dm.get("name").asText(), dm.get("channel_id").asText()), dm.get("name").asText(), "not-a-member");
            List<RawSocket> fuzzers = new ArrayList<>(List.of(RawSocket.connect(hub.port()),
                    hub.client("fz-compat"), hub.client("fz-ext", "*"), hub.client("fz-compat2"),
                    hub.client("fz-ext2", "*")));
            int[] refused = new int[fuzzers.size()];
            Map<String, Integer> families = new TreeMap<>();
            Map<String, String> oddBodies = new LinkedHashMap<>(); // client_msg_id -> body
            List<String> goodBodies = new ArrayList<>();
            try {
                for (int i = 1; i <= SOCKET_FRAMES; i++) {
                    int f = random.nextInt(fuzzers.size());
                    HostileFrames.Frame frame = hostile.next();
                    send(fuzzers.get(f), frame);
                    refused[f]++;
                    families.merge(frame.family(), 1, Integer::sum);
                    if (i % 20 == 0) {
                        sendOdd(fuzzers.get(2 + 2 * random.nextInt(2)), hostile, "odd-" + i, oddBodies);
                    }
                    if (i % 50 == 0) {
                        String body = "good-" + i;
                        writer.send("send", "channel", "general", "body", body, "client_msg_id", body);
                        goodBodies.add(body);
                    }
                    if (i % CHECKPOINT == 0) {
                        checkpoint(fuzzers, refused);
                    }
                }
                checkpoint(fuzzers, refused);

                List<String> expected = new ArrayList<>(goodBodies);
                expected.addAll(oddBodies.values());
                writer.awaitCount(ofType("sent"), goodBodies.size(), WAIT);
                WireShapes.fanOutBarrier(writer, compatReader, "general");
                WireShapes.fanOutBarrier(writer, extReader, "general");
                for (RawSocket reader : List.of(compatReader, extReader)) {
                    assertUndisturbed(reader, expected);
                }
                assertThat(writer.frames("error")).isEmpty();
                assertOddMessagesStoredVerbatim(hub, fuzzers.get(2), fuzzers.get(4), oddBodies);
                assertThat(fuzzers).noneMatch(RawSocket::isClosed);
                assertThat(families.keySet()).as("every family ran: %s", families).hasSize(16);
                JsonNode health = json(hub.get("/health").body());
                assertThat(health.get("status").asText()).isEqualTo("ok");
                assertThat(health.get("messages").asLong())
                        .as("only the good and odd messages were stored").isEqualTo(expected.size() + 2);
            } finally {
                fuzzers.forEach(RawSocket::close);
            }
        }
    }

    @Test
    void every_hostile_rest_request_gets_a_4xx_json_error_and_never_a_5xx() throws Exception {
        Random random = new Random(SEED);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (InProcessHub hub = InProcessHub.start(dir); RawSocket bystander = hub.client("bystander")) {
            Seeder.register(hub, "known");
            HostileRequests hostile = new HostileRequests(random, "known");
            List<String> failures = new ArrayList<>();
            Map<Integer, Integer> statuses = new TreeMap<>();
            HostileRequests.Request previous = null;
            for (int i = 0; i < REST_REQUESTS; i++) {
                HostileRequests.Request request = hostile.next();
                String problem;
                try {
                    HttpResponse<String> response = http.send(build(hub.port(), request),
                            HttpResponse.BodyHandlers.ofString());
                    statuses.merge(response.statusCode(), 1, Integer::sum);
                    problem = problemWith(response);
                } catch (java.io.IOException e) {
                    problem = "no answer: " + e;
                }
                if (problem != null && failures.size() < 20) {
                    failures.add(problem + " <- " + request + " (after " + previous + ")");
                }
                previous = request;
            }
            assertThat(failures).as("statuses %s", statuses).isEmpty();

            hub.post("/api/send", "{\"sender\":\"known\",\"channel\":\"general\",\"body\":\"after the storm\"}");
            assertThat(bystander.await("message").get("body").asText()).isEqualTo("after the storm");
            JsonNode health = json(hub.get("/health").body());
            assertThat(health.get("status").asText()).isEqualTo("ok");
            assertThat(health.get("messages").asLong()).as("no hostile request stored a message").isEqualTo(1);
        }
    }

    @Test
    void a_frame_beyond_the_transport_limit_closes_only_its_own_connection() throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir);
             RawSocket abuser = hub.client("abuser");
             RawSocket bystander = hub.client("bystander");
             RawSocket writer = hub.client("writer")) {
            // The hub may close the socket as soon as it reads the frame's length, before the client has written
            // the whole payload; the client's own write then fails ("Output closed"), which is the point.
            abuser.trySendText("{\"type\":\"send\",\"channel\":\"general\",\"body\":\"" + "z".repeat(300_000) + "\"}");
            abuser.awaitClosed(WAIT);
            writer.send("send", "channel", "general", "body", "still flowing");
            assertThat(bystander.await("message").get("body").asText()).isEqualTo("still flowing");
            assertThat(json(hub.get("/health").body()).get("messages").asLong()).isEqualTo(1);
        }
    }

    private static void send(RawSocket client, HostileFrames.Frame frame) {
        if (frame.binary() != null) {
            client.sendBinary(frame.binary());
        } else {
            client.sendText(frame.text());
        }
    }

    /** A valid send with an odd body (and sometimes deep metadata) from an ext fuzzer: it must arrive intact. */
    private static void sendOdd(RawSocket fuzzer, HostileFrames hostile, String id, Map<String, String> oddBodies) {
        String body = hostile.oddBody(32 * 1024) + " " + id;
        body = body.length() > 32 * 1024 ? body.substring(body.length() - 32 * 1024) : body;
        ObjectNode send = WireShapes.frame("send").put("channel", "general").put("body", body).put("client_msg_id", id);
        send.set("metadata", hostile.deepMetadata(1 + Math.floorMod(id.hashCode(), 55)));
        fuzzer.send(send);
        oddBodies.put(id, body);
    }

    /** Every bad frame so far got its error (some answer asynchronously), and nothing more. */
    private static void checkpoint(List<RawSocket> fuzzers, int[] refused) {
        for (int f = 0; f < fuzzers.size(); f++) {
            fuzzers.get(f).awaitCount(ofType("error"), refused[f], WAIT);
        }
        for (int f = 0; f < fuzzers.size(); f++) {
            RawSocket fuzzer = fuzzers.get(f);
            fuzzer.roundTrip();
            List<JsonNode> errors = fuzzer.frames("error");
            assertThat(errors).as("fuzzer %d: one error per bad frame", f).hasSize(refused[f]);
            assertThat(errors).as("fuzzer %d: known codes, never internal", f)
                    .allMatch(e -> ERROR_CODES.contains(e.path("code").asText()) && e.path("detail").isTextual());
            assertThat(fuzzer.isClosed()).as("fuzzer %d still connected", f).isFalse();
        }
    }

    private static void assertUndisturbed(RawSocket reader, List<String> expected) {
        List<JsonNode> messages = reader.frames("message");
        List<String> bodies = messages.stream().map(m -> m.get("body").asText()).toList();
        assertThat(bodies.stream().filter(b -> !b.startsWith("barrier-")).toList())
                .as("every good message exactly once").containsExactlyInAnyOrderElementsOf(expected);
        assertThat(messages.stream().map(m -> m.get("seq").asLong()).toList()).as("in seq order, no gaps")
                .isSorted().doesNotHaveDuplicates();
        assertThat(messages.get(messages.size() - 1).get("seq").asLong()).isEqualTo(messages.size());
        assertThat(reader.frames("error")).isEmpty();
        assertThat(reader.isClosed()).isFalse();
    }

    private static void assertOddMessagesStoredVerbatim(InProcessHub hub, RawSocket ext, RawSocket ext2,
                                                        Map<String, String> oddBodies) throws Exception {
        Map<String, String> ids = new HashMap<>();
        for (RawSocket client : List.of(ext, ext2)) {
            client.frames("sent").forEach(s -> ids.put(s.get("client_msg_id").asText(), s.get("message_id").asText()));
        }
        assertThat(ids.keySet()).containsAll(oddBodies.keySet());
        for (Map.Entry<String, String> odd : oddBodies.entrySet()) {
            JsonNode stored = json(hub.get("/api/message/" + ids.get(odd.getKey())).body());
            assertThat(stored.get("body").asText()).as("stored body of %s", odd.getKey()).isEqualTo(odd.getValue());
        }
    }

    private static HttpRequest build(int port, HostileRequests.Request request) {
        HttpRequest.BodyPublisher body = request.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(request.body());
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + request.path()))
                .header("Content-Type", "application/json").method(request.method(), body)
                .timeout(Duration.ofSeconds(10)).build();
    }

    /** Null when the answer is a 4xx with a JSON object carrying a string 'error'; else what is wrong. */
    private static String problemWith(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status < 400 || status > 499) {
            return "status " + status + " " + response.body();
        }
        if (!response.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
            return "status " + status + " not JSON: " + response.headers().firstValue("Content-Type").orElse("none");
        }
        try {
            JsonNode body = json(response.body());
            return body.isObject() && body.path("error").isTextual() ? null : "no 'error' string: " + response.body();
        } catch (RuntimeException e) {
            return "status " + status + " invalid JSON: " + response.body();
        }
    }
}
