package dev.parley.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.protocol.Json;
import dev.parley.server.HubConfig;
import dev.parley.server.Limits;
import dev.parley.server.auth.AuthMode;
import dev.parley.testing.InProcessHub;
import dev.parley.testing.RawSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Browser-origin safety over real HTTP and WebSocket: what a web page of another origin could make a
 * visitor's browser send (a foreign {@code Origin}, a rebound {@code Host}, a text/plain or form
 * body) is refused; clients that send no {@code Origin} work as before.
 */
class CrossOriginTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String GOOD = "http://good.example:8000";
    private static final String EVIL = "http://evil.example";
    private static final String SEND = "{\"sender\":\"%s\",\"channel\":\"general\",\"body\":\"%s\"}";
    private static final OriginPolicy POLICY = new OriginPolicy(List.of(GOOD), List.of("parley.lan"));

    @TempDir
    static Path dir;
    private static InProcessHub hub;

    @BeforeAll
    static void start() throws Exception {
        hub = InProcessHub.start(new HubConfig(dir.resolve("hub.db"), "127.0.0.1", 0, null, Limits.DEFAULTS, POLICY));
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    void a_foreign_origin_is_refused_on_reads_and_writes_and_nothing_is_stored() throws Exception {
        long before = storedMessages();
        for (String origin : List.of(EVIL, "null", "http://localhost:" + hub.port())) { // localhost is another origin
            HttpResponse<String> read = call("GET", "/api/channels", null, "Origin", origin);
            assertRefusedForeign(read);
            assertThat(read.body()).contains("cross-origin request refused: " + origin);
            assertRefusedForeign(call("POST", "/api/send", SEND.formatted("ceo", "json"), "Origin", origin,
                    "Content-Type", "application/json"));
            assertRefusedForeign(call("POST", "/api/send", SEND.formatted("ceo", "plain"), "Origin", origin,
                    "Content-Type", "text/plain"));
        }
        assertThat(storedMessages()).isEqualTo(before);
    }

    @Test
    void a_cross_site_request_without_an_origin_is_refused_unless_it_is_a_navigation() throws Exception {
        // <img src>, <script src>: no Origin header, but the browser's Sec-Fetch-Site tells.
        assertRefusedForeign(call("GET", "/api/messages/general", null, "Sec-Fetch-Site", "cross-site",
                "Sec-Fetch-Mode", "no-cors"));
        assertRefusedForeign(call("GET", "/api/messages/general", null, "Sec-Fetch-Site", "same-site",
                "Sec-Fetch-Mode", "no-cors"));
        assertThat(call("GET", "/chat", null, "Sec-Fetch-Site", "cross-site", "Sec-Fetch-Mode", "navigate")
                .statusCode()).isEqualTo(200); // a link to the chat page from elsewhere
        assertThat(call("GET", "/api/channels", null, "Sec-Fetch-Site", "same-origin", "Sec-Fetch-Mode", "cors")
                .statusCode()).isEqualTo(200);
        assertThat(call("GET", "/api/channels", null, "Sec-Fetch-Site", "none", "Sec-Fetch-Mode", "navigate")
                .statusCode()).isEqualTo(200);
    }

    @Test
    void the_hubs_own_origin_is_served_without_cors_headers() throws Exception {
        String own = "http://127.0.0.1:" + hub.port();
        HttpResponse<String> read = call("GET", "/api/channels", null, "Origin", own);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(call("POST", "/api/send", SEND.formatted("alice", "own"), "Origin", own,
                "Content-Type", "application/json").statusCode()).isEqualTo(201);
    }

    @Test
    void an_allow_listed_origin_gets_cors_headers_and_its_preflight_answered() throws Exception {
        HttpResponse<String> read = call("GET", "/api/channels", null, "Origin", GOOD);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.headers().firstValue("Access-Control-Allow-Origin")).contains(GOOD);
        assertThat(read.headers().firstValue("Vary")).contains("Origin");

        HttpResponse<String> preflight = call("OPTIONS", "/api/send", null, "Origin", GOOD,
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type,x-parley-key");
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).contains(GOOD);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).contains("GET, POST, PATCH, DELETE");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElseThrow())
                .contains("Content-Type", "X-Parley-Name", "X-Parley-Key", "X-Parley-Token", "Authorization");
        assertThat(call("POST", "/api/send", SEND.formatted("alice", "allowed"), "Origin", GOOD,
                "Content-Type", "application/json").statusCode()).isEqualTo(201);

        assertRefusedForeign(call("OPTIONS", "/api/send", null, "Origin", EVIL, "Access-Control-Request-Method", "POST"));
    }

    @Test
    void writes_that_do_not_say_json_are_refused_with_415() throws Exception {
        long before = storedMessages();
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "application/jsonp")) {
            HttpResponse<String> answer = call("POST", "/api/send", SEND.formatted("ceo", type), "Content-Type", type);
            assertRefused(answer, 415, "unsupported_media_type");
        }
        assertRefused(call("POST", "/api/send", SEND.formatted("ceo", "none")), 415, "unsupported_media_type");
        assertThat(storedMessages()).isEqualTo(before);
    }

    @Test
    void json_writes_without_an_origin_work_as_before() throws Exception {
        assertThat(call("POST", "/api/send", SEND.formatted("bob", "json"), "Content-Type", "application/json")
                .statusCode()).isEqualTo(201);
        assertThat(call("POST", "/api/send", SEND.formatted("bob", "charset"), "Content-Type",
                "Application/JSON; charset=utf-8").statusCode()).isEqualTo(201);
        // A custom header cannot come from a browser without a preflight either.
        assertThat(call("POST", "/api/send", SEND.formatted("bob", "custom"), "Content-Type", "text/plain",
                "X-Parley-Name", "bob").statusCode()).isEqualTo(201);
    }

    @Test
    void a_bodyless_delete_needs_the_json_type_or_a_custom_header() throws Exception {
        HttpResponse<String> sent = call("POST", "/api/send", SEND.formatted("carol", "to delete"),
                "Content-Type", "application/json");
        String id = Json.mapper().readTree(sent.body()).get("message_id").asText();
        String path = "/api/messages/" + id + "?participant=carol";
        assertRefused(call("DELETE", path, null), 415, "unsupported_media_type");
        assertThat(call("DELETE", path, null, "Content-Type", "application/json").statusCode()).isEqualTo(200);
    }

    @Test
    void an_unknown_host_is_refused_with_421_and_known_names_are_served() throws Exception {
        int port = hub.port();
        RawHttp.Answer rebound = RawHttp.exchange(port, "GET /api/channels HTTP/1.1\r\nHost: evil.example:" + port);
        assertThat(rebound.status()).isEqualTo(421);
        JsonNode error = Json.mapper().readTree(rebound.body());
        assertThat(error.get("code").asText()).isEqualTo("unknown_host");
        assertThat(error.get("error").asText()).contains("evil.example", "--allow-host");
        // A rebound page is same-origin with itself: the Host rule must come first.
        String reboundWrite = "POST /api/send HTTP/1.1\r\nHost: evil.example:" + port + "\r\nOrigin: http://evil.example:"
                + port + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}";
        assertThat(RawHttp.exchange(port, reboundWrite).status()).isEqualTo(421);
        for (String host : List.of("127.0.0.1:" + port, "localhost:" + port, "LocalHost", "parley.lan:" + port,
                "[::1]:" + port)) {
            RawHttp.Answer served = RawHttp.exchange(port, "GET /api/channels HTTP/1.1\r\nHost: " + host);
            assertThat(served.status()).as(host).isEqualTo(200);
        }
        // HTTP/1.0 without Host comes from no browser: served.
        assertThat(RawHttp.exchange(port, "GET /api/channels HTTP/1.0").status()).isEqualTo(200);
    }

    @Test
    void the_socket_upgrade_is_refused_for_a_foreign_origin_or_host_before_it_happens() throws Exception {
        int port = hub.port();
        String host = "127.0.0.1:" + port;
        for (String origin : List.of(EVIL, "null")) {
            RawHttp.Answer refused = RawHttp.exchange(port, RawHttp.upgrade(host, "Origin: " + origin));
            assertThat(refused.status()).isEqualTo(403);
            assertThat(Json.mapper().readTree(refused.body()).get("code").asText()).isEqualTo("forbidden_origin");
        }
        RawHttp.Answer rebound = RawHttp.exchange(port, RawHttp.upgrade("evil.example:" + port,
                "Origin: http://evil.example:" + port));
        assertThat(rebound.status()).isEqualTo(421);
        assertThat(RawHttp.exchange(port, RawHttp.upgrade(host, "Origin: http://" + host)).status()).isEqualTo(101);
        assertThat(RawHttp.exchange(port, RawHttp.upgrade(host, "Origin: " + GOOD)).status()).isEqualTo(101);

        try (RawSocket compat = RawSocket.auth(port, "no-origin");
             RawSocket own = RawSocket.connect(port, "http://" + host)) {
            compat.roundTrip();
            own.send("auth", "name", "own-origin");
            assertThat(own.await("auth_ok").get("type").asText()).isEqualTo("auth_ok");
        }
    }

    @Test
    void in_token_mode_loopback_is_no_free_pass_for_a_page_of_another_origin() throws Exception {
        HubConfig config = new HubConfig(dir.resolve("token.db"), "127.0.0.1", 0, AuthMode.TOKEN, Limits.DEFAULTS, POLICY);
        try (InProcessHub tokenHub = InProcessHub.start(config)) {
            String token = tokenHub.hub().services().auth().hubToken().issue("test peer", false);
            String base = "http://127.0.0.1:" + tokenHub.port();
            String body = SEND.formatted("alice", "hi");
            assertThat(send(base, body).statusCode()).isEqualTo(201); // the CLI on this machine
            assertThat(send(base, body, "Origin", base).statusCode()).isEqualTo(201); // /chat served by the hub
            assertRefused(send(base, body, "Origin", GOOD), 401, "auth_failed");
            assertThat(send(base, body, "Origin", GOOD, "X-Parley-Token", token).statusCode()).isEqualTo(201);

            try (RawSocket page = RawSocket.connect(tokenHub.port(), GOOD)) {
                page.send("auth", "name", "mallory");
                assertThat(page.await("error").get("code").asText()).isEqualTo("auth_failed");
            }
        }
    }

    private static HttpResponse<String> send(String base, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/send"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> call(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertRefused(HttpResponse<String> answer, int status, String code) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(Json.mapper().readTree(answer.body()).get("code").asText()).isEqualTo(code);
    }

    /** Refused, and without a CORS header that would let the page read the answer. */
    private static void assertRefusedForeign(HttpResponse<String> answer) throws Exception {
        assertRefused(answer, 403, "forbidden_origin");
        assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    private static long storedMessages() {
        return hub.hub().services().store().counts().messages();
    }
}
