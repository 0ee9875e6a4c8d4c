package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.parley.testing.HubExtension;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link HubHttp#of}: the REST part on its own, the hub's JSON as it is, over HttpURLConnection. */
class StandaloneRestTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @RegisterExtension
    final HubExtension hub = new HubExtension();

    private HubHttp as(String name) {
        return HubHttp.of(HubAddress.parse(hub.url().replace("http://", "ws://") + "/ws"), name, null, null, TIMEOUT,
                TIMEOUT);
    }

    @Test
    void posts_and_reads_json_and_says_whether_a_channel_was_created() {
        HubHttp rest = as("rita");
        JsonNode body = Wire.object().put("name", "standalone").put("created_by", "rita");
        assertThat(rest.exchange("POST", "/api/channels/create", body).status()).isEqualTo(201);
        assertThat(rest.exchange("POST", "/api/channels/create", body).status()).isEqualTo(200);

        JsonNode sent = rest.post("/api/send", Wire.object().put("sender", "rita").put("channel", "standalone")
                .put("body", "hello from one command"));
        assertThat(rest.get("/api/messages/standalone?limit=5").get(0).path("message_id").asText())
                .isEqualTo(sent.path("message_id").asText());
        assertThat(rest.getAll("/api/channels")).extracting(c -> c.path("name").asText())
                .contains("general", "standalone");
        assertThat(rest.getText("/metrics")).contains("# TYPE");
    }

    @Test
    void patch_goes_through_too() {
        HubHttp rest = as("rita");
        String id = rest.post("/api/send", Wire.object().put("sender", "rita").put("channel", "general")
                .put("body", "typo")).path("message_id").asText();
        JsonNode edited = rest.call("PATCH", "/api/messages/" + HubHttp.encode(id),
                Wire.object().put("participant", "rita").put("body", "fixed"));
        assertThat(edited.path("body").asText()).isEqualTo("fixed");
    }

    @Test
    void an_error_answer_keeps_its_status_code_and_the_hubs_words() {
        assertThatThrownBy(() -> as("rita").get("/api/messages/no-such-channel?limit=1"))
                .isInstanceOfSatisfying(RestError.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.code()).isEqualTo("channel_not_found");
                    assertThat(e.detail()).contains("no-such-channel").doesNotContain("GET");
                });
    }

    @Test
    void a_server_that_answers_without_json_is_not_a_parley_hub() throws Exception {
        HttpServer other = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        other.createContext("/", exchange -> {
            byte[] page = "<html>hello</html>".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        other.start();
        try {
            HubHttp rest = HubHttp.of(HubAddress.parse("127.0.0.1:" + other.getAddress().getPort()), null, null, null,
                    TIMEOUT, TIMEOUT);
            assertThatThrownBy(() -> rest.get("/api/channels")).isInstanceOf(ParleyException.class)
                    .hasMessageContaining("is it a Parley hub?")
                    .satisfies(e -> assertThat(((ParleyException) e).code()).isEqualTo(ParleyException.BAD_ANSWER));
        } finally {
            other.stop(0);
        }
    }
}
