package dev.parley.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.Json;
import dev.parley.server.HubConfig;
import dev.parley.server.Limits;
import dev.parley.server.auth.AuthMode;
import dev.parley.testing.InProcessHub;
import dev.parley.testing.RawSocket;
import dev.parley.testing.RestProbe;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three auth modes (README "Authentication"), with real peers: loopback ones, and one that is
 * not, on a private network this test creates ({@link TestNetwork}).
 */
class AuthModesTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String SEND = "{\"sender\":\"%s\",\"channel\":\"general\",\"body\":\"hi\"}";

    @TempDir
    Path dir;

    @Test
    void open_mode_on_loopback_takes_anyone_under_any_name() throws Exception {
        try (InProcessHub hub = InProcessHub.start(dir)) {
            JsonNode ok = auth(ws("127.0.0.1", hub.port()), RawSocket.authFrame("anyone"));
            assertThat(ok.get("type").asText()).isEqualTo("auth_ok");
            assertThat(ok.get("auth_mode").asText()).isEqualTo("open");
            assertThat(ok.has("key")).isFalse();
            assertThat(hub.post("/api/send", SEND.formatted("someone-else")).statusCode()).isEqualTo(201);
        }
    }

    @Test
    void token_mode_asks_no_token_of_a_loopback_peer() throws Exception {
        try (InProcessHub hub = InProcessHub.start(config("127.0.0.1", AuthMode.TOKEN))) {
            JsonNode ok = auth(ws("127.0.0.1", hub.port()), RawSocket.authFrame("alice"));
            assertThat(ok.get("type").asText()).isEqualTo("auth_ok");
            assertThat(ok.get("auth_mode").asText()).isEqualTo("token");
            assertThat(hub.get("/api/channels").statusCode()).isEqualTo(200);
            assertThat(hub.post("/api/send", SEND.formatted("alice")).statusCode()).isEqualTo(201);
        }
    }

    @Test
    void token_mode_requires_the_hub_token_from_a_peer_on_another_address() throws Exception {
        try (TestNetwork network = TestNetwork.create();
             InProcessHub hub = InProcessHub.start(new HubConfig(dir.resolve("hub.db"), network.hostAddress(), 0))) {
            String token = hub.hub().services().auth().hubToken().issue("test peer", false);
            URI ws = ws(network.hostAddress(), hub.port());
            RestProbe http = new RestProbe("http://" + network.hostAddress() + ":" + hub.port());

            // Socket: no token, a wrong one, then the right one.
            JsonNode missing = auth(ws, RawSocket.authFrame("alice"));
            assertThat(missing.get("type").asText()).isEqualTo("error");
            assertThat(missing.get("code").asText()).isEqualTo("auth_failed");
            assertThat(missing.get("detail").asText()).contains("token");
            JsonNode wrong = auth(ws, RawSocket.authFrame("alice").put("token", token + "x"));
            assertThat(wrong.get("code").asText()).isEqualTo("auth_failed");
            assertThat(wrong.get("detail").asText()).isEqualTo("wrong hub token");
            JsonNode ok = auth(ws, RawSocket.authFrame("alice").put("token", token));
            assertThat(ok.get("type").asText()).isEqualTo("auth_ok");
            assertThat(ok.get("auth_mode").asText()).as("the default off loopback").isEqualTo("token");

            // A refused auth leaves the connection unauthenticated, and the hub unchanged.
            Inbox inbox = new Inbox();
            try (RawSocket mallory = RawSocket.stream(ws, inbox)) {
                mallory.send(RawSocket.authFrame("mallory"));
                inbox.await("error", WAIT);
                mallory.send(Json.mapper().createObjectNode().put("type", "send").put("channel", "general")
                        .put("body", "hi"));
                assertThat(inbox.awaitCount("error", 2, WAIT).get(1).get("code").asText()).isEqualTo("not_authenticated");
            }
            assertThat(RestProbe.json(http.get("/api/participants", "X-Parley-Token", token)).findValuesAsText("name"))
                    .doesNotContain("mallory");

            // REST: every way of presenting the token, and none.
            assertThat(http.get("/api/channels").statusCode()).isEqualTo(401);
            assertThat(http.get("/api/channels", "Authorization", "Bearer " + token + "x").statusCode()).isEqualTo(401);
            assertThat(http.get("/api/channels?token=nope").statusCode()).isEqualTo(401);
            assertThat(http.get("/api/channels", "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);
            assertThat(http.get("/api/channels", "X-Parley-Token", token).statusCode()).isEqualTo(200);
            assertThat(http.get("/api/channels?token=" + token).statusCode()).isEqualTo(200);
            assertThat(http.post("/api/send", SEND.formatted("alice")).statusCode()).isEqualTo(401);
            assertThat(http.post("/api/send", SEND.formatted("alice"), "X-Parley-Token", "nope").statusCode())
                    .isEqualTo(401);
            assertThat(http.post("/api/send", SEND.formatted("alice"), "Authorization", "Bearer " + token).statusCode())
                    .isEqualTo(201);
            assertThat(RestProbe.json(http.get("/health")).get("messages").asLong())
                    .as("only the authorized send was stored").isEqualTo(1);

            // A peer inside the other namespace: the same rules (curl over the veth pair).
            String url = "http://" + network.hostAddress() + ":" + hub.port() + "/api/channels";
            assertThat(curlStatus(network, url)).isEqualTo("401");
            assertThat(curlStatus(network, url, "-H", "Authorization: Bearer " + token)).isEqualTo("200");
        }
    }

    @Test
    void keys_mode_lets_the_first_registration_claim_a_name_and_refuses_impostors_on_socket_and_rest()
            throws Exception {
        try (InProcessHub hub = InProcessHub.start(config("127.0.0.1", AuthMode.KEYS))) {
            URI ws = ws("127.0.0.1", hub.port());
            JsonNode first = auth(ws, RawSocket.authFrame("alice"));
            assertThat(first.get("type").asText()).isEqualTo("auth_ok");
            assertThat(first.get("auth_mode").asText()).isEqualTo("keys");
            String key = first.get("key").asText();
            assertThat(key).hasSizeGreaterThanOrEqualTo(32);

            JsonNode without = auth(ws, RawSocket.authFrame("alice"));
            assertThat(without.get("code").asText()).isEqualTo("auth_failed");
            assertThat(without.get("detail").asText()).contains("claimed");
            JsonNode wrong = auth(ws, RawSocket.authFrame("alice").put("key", key + "x"));
            assertThat(wrong.get("code").asText()).isEqualTo("auth_failed");
            JsonNode again = auth(ws, RawSocket.authFrame("alice").put("key", key));
            assertThat(again.get("type").asText()).isEqualTo("auth_ok");
            assertThat(again.has("key")).as("a key is handed out once").isFalse();

            // REST cannot be used to impersonate alice.
            assertThat(hub.post("/api/send", SEND.formatted("alice")).statusCode()).isEqualTo(401);
            assertThat(hub.request("POST", "/api/send", "{\"sender\":\"alice\",\"channel\":\"general\",\"body\":\"hi\","
                    + "\"key\":\"" + key + "x\"}").statusCode()).isEqualTo(401);
            assertThat(RestProbe.json(hub.get("/health")).get("messages").asLong()).isZero();
            RestProbe http = hub.rest();
            assertThat(http.post("/api/send", SEND.formatted("alice"), "X-Parley-Key", key).statusCode()).isEqualTo(201);
            assertThat(hub.post("/api/send", "{\"sender\":\"alice\",\"channel\":\"general\",\"body\":\"hi\",\"key\":\""
                    + key + "\"}").statusCode()).isEqualTo(201);

            // A new name sent over REST is claimed there too, and its key comes back once.
            JsonNode bob = RestProbe.json(hub.post("/api/send", SEND.formatted("bob")));
            assertThat(bob.get("key").asText()).isNotBlank();
            assertThat(hub.post("/api/send", SEND.formatted("bob")).statusCode()).isEqualTo(401);
            assertThat(auth(ws, RawSocket.authFrame("bob").put("key", bob.get("key").asText())).get("type").asText())
                    .isEqualTo("auth_ok");
        }
    }

    /** The HTTP status of a GET by curl from inside the test network's namespace. */
    private static String curlStatus(TestNetwork network, String url, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}",
                "--max-time", "10"));
        command.addAll(List.of(options));
        command.add(url);
        return network.inNamespace(command.toArray(String[]::new));
    }

    /** Connects, sends the auth frame, and returns the answer: auth_ok or error. */
    private static JsonNode auth(URI ws, ObjectNode auth) {
        Inbox inbox = new Inbox();
        try (RawSocket client = RawSocket.stream(ws, inbox)) {
            client.send(auth);
            return inbox.awaitCount(f -> Inbox.isType(f, "auth_ok") || Inbox.isType(f, "error"), 1, WAIT).get(0);
        }
    }

    private HubConfig config(String host, AuthMode mode) {
        return new HubConfig(dir.resolve("hub.db"), host, 0, mode, Limits.DEFAULTS);
    }

    private static URI ws(String host, int port) {
        return URI.create("ws://" + host + ":" + port + "/ws");
    }
}
